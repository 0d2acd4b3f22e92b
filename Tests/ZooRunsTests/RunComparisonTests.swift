import Foundation
import ImageFiles
import Testing
import ZooEvaluation
import ZooRuns
import _TestSupport

/// `zoo compare`'s library: three runs of different variants and lengths in one picture, checked
/// on the pixels of the PNG it writes; the metrics table; and input it refuses, saying which and why.
@Suite struct RunComparisonTests {
  /// A GAN on ring8 (30 steps), a conditional GAN on tiny labelled digits (20) and the
  /// moment-matching model on ring8 (10), under `folder/runs`.
  static func threeRuns(in folder: TemporaryFolder) throws {
    RunViewTests.writeTinyMNIST(in: folder, root: "data")
    try RunFixtures.train("gan", steps: 30, in: folder, name: "runs/gan")
    try RunFixtures.train("cgan", dataset: "mnist", steps: 20, in: folder, name: "runs/cgan", dataRoot: folder.file("data"))
    try RunFixtures.train("moments", steps: 10, batchSize: 8, in: folder, name: "runs/moments")
  }

  /// How many pixels of `image` inside `region` have exactly `color`.
  static func count(_ color: Color, in image: Image, region: Canvas.Region) -> Int {
    var total = 0
    for y in region.y..<region.y + region.height {
      for x in region.x..<region.x + region.width where image.pixel(x: x, y: y) == color.samples { total += 1 }
    }
    return total
  }

  @Test func threeVariantsDrawEveryPanel() throws {
    let folder = TemporaryFolder()
    try Self.threeRuns(in: folder)
    let comparison = try RunComparison([folder.url.appendingPathComponent("runs")], groupBy: .variant)
    #expect(comparison.runs.map(\.name) == ["cgan", "gan", "moments"])
    // No term is logged by all three: the GANs share theirs, the moment matcher has its own.
    #expect(comparison.terms.map(\.term) == ["loss_discriminator", "loss_generator", "mean_d_real", "mean_d_fake", "loss_moments", "mean_gap"])
    #expect(comparison.terms.map(\.runs) == [[0, 1], [0, 1], [0, 1], [0, 1], [2], [2]])

    let files = try comparison.write(to: folder.url.appendingPathComponent("out/compare.png"))
    #expect(files.map(\.lastPathComponent) == ["compare.png", "compare.md", "compare.csv"])
    let image = try Image(pngFile: files[0].path)
    let figure = comparison.figure()
    let layout = figure.layout()
    #expect(image.width == layout.width && image.height == layout.height && layout.plotAreas.count == 6)
    #expect(figure.panels.map(\.title) == [
      "discriminator loss (2 of 3 runs)", "generator loss (2 of 3 runs)", "mean D(x) (2 of 3 runs)", "mean D(G(z)) (2 of 3 runs)",
      "moments loss (1 of 3 runs)", "mean gap (1 of 3 runs)",
    ])
    for (panel, entry) in comparison.terms.enumerated() {
      for run in comparison.runs.indices {
        let drawn = Self.count(comparison.color(ofRun: run), in: image, region: layout.plotAreas[panel])
        if entry.runs.contains(run) {
          #expect(drawn >= 20, "panel \(entry.term): \(comparison.runs[run].name)'s curve has \(drawn) pixels")
        } else {
          #expect(drawn == 0, "panel \(entry.term): \(comparison.runs[run].name) logs no such term, yet \(drawn) pixels have its colour")
        }
      }
    }
    // The legend, above the panels, shows each group's colour.
    let header = Canvas.Region(x: 0, y: 0, width: layout.width, height: layout.panels[0].y)
    for run in comparison.runs.indices {
      #expect(Self.count(comparison.color(ofRun: run), in: image, region: header) > 0, "legend swatch of \(comparison.runs[run].name)")
    }

    let table = comparison.metricsTable()
    #expect(table.columns.prefix(7) == ["run", "group (variant)", "variant", "dataset", "objective", "steps", "training seconds"])
    #expect(table.columns.contains("modes covered") && table.formatted.count == 3)
    #expect(table.formatted[0][3] == "mnist" && table.formatted[1][3] == "ring8")
    #expect(table.formatted.map { $0[5] } == ["20/20", "30/30", "10/10"])
    let csv = try String(contentsOf: files[2], encoding: .utf8).split(separator: "\n")
    #expect(csv.count == 4 && csv[0].hasPrefix("run,group (variant),variant,dataset,objective,steps,training seconds,modes covered"))
  }

  @Test func groupsKeepOneColourAndRunsOfAGroupTakeShades() throws {
    let folder = TemporaryFolder()
    try RunFixtures.train("gan", steps: 8, in: folder, name: "runs/a")
    try RunFixtures.train("gan", objective: "hinge", steps: 12, in: folder, name: "runs/b")
    let byVariant = try RunComparison([folder.url.appendingPathComponent("runs")], groupBy: .variant, axis: .samples, smoothing: 3)
    #expect(byVariant.groups.map(\.name) == ["gan"] && byVariant.color(ofRun: 0) == Color.series(0))
    #expect(byVariant.color(ofRun: 1) == Color.series(0).blended(with: .white, amount: 0.3))
    #expect(byVariant.figure().legend.map(\.name) == ["gan (2 runs)"])
    #expect(byVariant.figure().panels[0].xLabel == "samples seen")
    let byObjective = try RunComparison([folder.url.appendingPathComponent("runs")], groupBy: .objective)
    #expect(byObjective.groups.map(\.name) == ["hinge", "non-saturating"])
    #expect(byObjective.color(ofRun: 0) == Color.series(1) && byObjective.color(ofRun: 1) == Color.series(0))
  }

  @Test func badInputSaysWhichAndWhy() throws {
    let folder = TemporaryFolder()
    try Self.threeRuns(in: folder)
    func failure(_ paths: [String]) -> String {
      do {
        _ = try RunComparison(paths.map { URL(fileURLWithPath: folder.file($0)) })
        return "no error"
      } catch {
        return "\(error)"
      }
    }
    folder.makeFolder("empty")
    #expect(failure(["empty"]).contains("empty is not a run directory (no config.json) and holds no runs"))
    #expect(failure(["nowhere"]).contains("nowhere: no such run directory or folder"))
    #expect(failure(["runs/gan/config.json"]).contains("is a file, not a run directory"))
    #expect(failure([]).contains("name at least one run directory"))
    let nothing = failure(["runs/gan", "runs/moments"])
    #expect(nothing.contains("nothing in common") && nothing.contains("gan logs loss_discriminator") && nothing.contains("moments logs loss_moments"), "\(nothing)")

    let untrained = try Run.create(RunSpecification(variant: "gan", steps: 5, batchSize: 4, overrides: RunFixtures.tinyGAN), registry: testRegistry, in: folder.url.appendingPathComponent("untrained"))
    untrained.release()
    #expect(failure(["untrained"]).contains("untrained has no losses.csv: the run has not trained a step yet"))

    let log = folder.file("runs/gan/losses.csv")
    let original = try String(contentsOf: URL(fileURLWithPath: log), encoding: .utf8)
    var lines = original.split(separator: "\n").map(String.init)
    var cells = lines[2].split(separator: ",").map(String.init)
    cells[4] = "x1"
    lines[2] = cells.joined(separator: ",")
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: log))
    #expect(failure(["runs/gan", "runs/cgan"]).contains("losses.csv line 3, column loss_generator: 'x1' is not a number"))
    lines[2] = "7,1"
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: log))
    #expect(failure(["runs"]).contains("losses.csv line 3 has 2 cells where the header has 7"))
    try Data(("garbage\n" + original).utf8).write(to: URL(fileURLWithPath: log))
    #expect(failure(["runs"]).contains("losses.csv line 1 is not a loss log header"))

    // A row still being written (no newline yet) is left out, not refused.
    try Data((original + "31,12").utf8).write(to: URL(fileURLWithPath: log))
    let comparison = try RunComparison([URL(fileURLWithPath: folder.file("runs/gan"))])
    #expect(comparison.runs[0].losses.rows.count == 30)

    // A column measured now and then (a VAE's held-out bound) is empty between measurements:
    // read as gaps, and its panel draws the measured steps alone, whatever the smoothing.
    var header = original.split(separator: "\n").map(String.init)
    header[0] += ",test_negative_elbo"
    for row in 1..<header.count { header[row] += row % 10 == 0 ? ",\(Double(row))" : "," }
    try Data((header.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: log))
    let sparse = try RunComparison([URL(fileURLWithPath: folder.file("runs/gan"))], smoothing: 5)
    #expect(sparse.runs[0].losses.rows.count == 30 && sparse.runs[0].losses.values(of: "test_negative_elbo")!.filter(\.isFinite) == [10, 20, 30])
    let panel = try #require(sparse.figure().panels.first { $0.title.contains("test negative elbo") })
    #expect(panel.curves[0].x == [10, 20, 30] && panel.curves[0].y == [10, 15, 20], "\(panel.curves[0])")
  }
}
