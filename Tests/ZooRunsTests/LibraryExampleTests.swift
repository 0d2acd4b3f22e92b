import Foundation
import Testing
import VanillaGAN
import ZooRuns
import _TestSupport

/// The README's "Using the zoo from Swift" snippet, run as written but for the folder it writes
/// to, and checked to be the README's.
@Suite struct LibraryExampleTests {
  @Test func readmeSnippetTrainsSamplesAndEvaluates() throws {
    let temporary = TemporaryFolder()
    // snippet begin
    let registry = Registry(variants: [VanillaGANVariant.self])
    let folder = temporary.url.appendingPathComponent("runs/my-gan")
    let run = try Run.create(RunSpecification(variant: "gan", dataset: "ring8", steps: 100, batchSize: 64), registry: registry, in: folder)
    try run.train()                                // config.json, losses.csv, checkpoint, samples/, metrics.json
    let points = run.samples(count: 64, seed: 1)   // (64, 2), from the trained generator
    run.release()                                  // another process may write the run now

    let reopened = try Run.open(folder, registry: registry, access: .write)  // reads the checkpoint, not the data
    let summary = try reopened.evaluate().summary  // "modes covered …/8 …"
    let steps = try RunView(folder).losses()?.rows.count  // 100: no data loaded, no network built
    // snippet end
    #expect(points.shape == [64, 2])
    #expect(summary.hasPrefix("modes covered"))
    #expect(steps == 100)
  }

  @Test func theReadmeShowsTheSnippet() throws {
    let source = try String(contentsOfFile: #filePath, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    let begin = try #require(source.firstIndex { $0.contains("// snippet begin") })
    let end = try #require(source.firstIndex { $0.contains("// snippet end") })
    let lines = source[(begin + 1)..<end].map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.hasPrefix("let folder =") }
    let readme = try String(contentsOfFile: SharedData.packageRoot.appendingPathComponent("README.md").path, encoding: .utf8)
    var remaining = readme[...]
    for line in lines where !line.isEmpty {
      let found = try #require(remaining.range(of: line), "README.md lacks, in order, the snippet line: \(line)")
      remaining = remaining[found.upperBound...]
    }
  }
}
