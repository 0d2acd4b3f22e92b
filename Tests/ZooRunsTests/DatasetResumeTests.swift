import Foundation
import ImageFiles
import Testing
@testable import ZooRuns
import _TestSupport

/// A run on a shuffled finite dataset, stopped and resumed, ends bit-identical to one that ran
/// straight through: the epoch order comes from the run's seed and the samples seen, not from
/// the training generator's position.
@Suite struct DatasetResumeTests {
  @Test func resumedFolderRunIsBitIdentical() throws {
    let folder = TemporaryFolder()
    for i in 0..<7 {
      folder.write(try Image(width: 6, height: 6, channels: 1, repeating: UInt8(i * 35)).pngBytes(), to: "images/\(i % 3)/\(i).png")
    }
    let dataset = folder.file("images") + ":size=6"
    func train(_ name: String, steps: Int) throws {
      try RunFixtures.train(dataset: dataset, steps: steps, seed: 5, in: folder, name: name, checkpointInterval: 1)
    }
    try train("straight", steps: 6)

    try train("stopped", steps: 3)
    let stopped = RunDirectory(folder.url.appendingPathComponent("stopped"))
    var configuration = try RunConfiguration.read(from: stopped)
    configuration.steps = 6
    try configuration.write(to: stopped)
    try Run.open(stopped.url, registry: testRegistry, access: .write).train()

    let straight = try Run.open(folder.url.appendingPathComponent("straight"), registry: testRegistry)
    let resumed = try Run.open(stopped.url, registry: testRegistry)
    let (end, resumedEnd) = (straight.state, resumed.state)
    #expect(end.step == 6 && resumedEnd.step == 6 && end.samplesSeen == 24 && resumedEnd.samplesSeen == 24)
    #expect(end.generator == resumedEnd.generator)
    let a = straight.trainer.exportState(), b = resumed.trainer.exportState()
    #expect(Set(a.keys) == Set(b.keys))
    for (name, tensor) in a {
      #expect(b[name]?.floats == tensor.floats, "\(name) differs after resuming")
    }
  }
}
