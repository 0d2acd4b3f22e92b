import Foundation
import ImageFiles
import Testing
@testable import zoo

/// A run on a shuffled finite dataset, stopped and resumed, ends bit-identical to one that ran
/// straight through: the epoch order comes from the run's seed and the samples seen, not from
/// the training generator's position.
@Suite struct DatasetResumeTests {
  @Test func resumedFolderRunIsBitIdentical() throws {
    let folder = RunnerTemporaryFolder()
    for i in 0..<7 {
      folder.write(try Image(width: 6, height: 6, channels: 1, repeating: UInt8(i * 35)).pngBytes(), to: "images/\(i % 3)/\(i).png")
    }
    let dataset = folder.file("images") + ":size=6"
    func create(_ name: String, steps: Int) throws -> RunSession {
      try RunSession.create(
        variant: "gan", dataset: dataset, objective: nil, steps: steps, batchSize: 4, seed: 5, overrides: SampleOutputTests.tiny,
        directory: URL(fileURLWithPath: folder.file(name)), sampleInterval: 100, checkpointInterval: 1, commandLine: [])
    }
    try create("straight", steps: 6).train(resuming: false)

    try create("stopped", steps: 3).train(resuming: false)
    var configuration = try RunConfiguration.read(from: URL(fileURLWithPath: folder.file("stopped")))
    configuration.steps = 6
    try configuration.write(to: URL(fileURLWithPath: folder.file("stopped")))
    try RunSession.open(URL(fileURLWithPath: folder.file("stopped"))).train(resuming: true)

    let straight = try RunSession.open(URL(fileURLWithPath: folder.file("straight")))
    let resumed = try RunSession.open(URL(fileURLWithPath: folder.file("stopped")))
    let (end, resumedEnd) = (try straight.loadCheckpoint(), try resumed.loadCheckpoint())
    #expect(end.step == 6 && resumedEnd.step == 6 && end.samplesSeen == 24 && resumedEnd.samplesSeen == 24)
    #expect(end.generator == resumedEnd.generator)
    let a = straight.trainer.exportState(), b = resumed.trainer.exportState()
    #expect(Set(a.keys) == Set(b.keys))
    for (name, tensor) in a {
      #expect(b[name]?.floats == tensor.floats, "\(name) differs after resuming")
    }
  }
}
