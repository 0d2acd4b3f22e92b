import ArgumentParser
import Foundation
import ZooEvaluation

/// `zoo sample <run-dir>`: draws samples from a run's checkpoint, without training.
struct SampleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "sample", abstract: "Draw samples from a run's checkpoint into a picture.")

  @Argument(help: "The run directory.")
  var runDirectory: String

  @Option(help: "How many samples.")
  var count = 64

  @Option(help: "The seed of the noise.")
  var seed: UInt64 = 1

  @Option(help: "The PNG file to write (default: <run>/sample-seed<seed>.png).")
  var out: String?

  func run() throws {
    guard count > 0 else { throw UsageError("--count must be positive, got \(count)") }
    let directory = URL(fileURLWithPath: runDirectory)
    let session = try RunSession.open(directory)
    _ = try session.loadCheckpoint()
    let samples = session.planar(session.samples(count: count, seed: seed))
    let url = out.map(URL.init(fileURLWithPath:)) ?? directory.appendingPathComponent("sample-seed\(seed).png")
    try SampleSnapshotWriter.render(samples, as: session.rendering()).writePNG(toFile: url.path)
    print("wrote \(count) samples to \(url.path)")
  }
}
