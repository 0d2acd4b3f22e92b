import Foundation
import ImageFiles
import Testing
@testable import TensorBoardEvents

/// A run interrupted after step 9 and resumed from its checkpoint at step 5, logged by two
/// writers into one folder, and what TensorBoard should show of it: the interrupted session's
/// steps 0–5 and the resumed session's steps 6–12, never the interrupted session's stale 6–9.
///
/// `Tests/EndToEnd/tensorboard-reads-event-files.sh` sets `TENSORBOARD_EVENTS_CHECK_DIR` and runs
/// this test to get a folder holding `logdir/` and `expected.json`, the view TensorBoard's own
/// reader must produce from it; without the variable the test writes to a temporary folder and
/// checks the files with the Swift reader only.
@Suite struct ResumedRunLogdirTests {
  /// The view of one tag: scalars as (step, value, wall time), images as (step, width, height,
  /// colorspace).
  struct Expected: Codable {
    var scalars: [String: [[Double]]] = [:]
    var images: [String: [[Int]]] = [:]
  }

  static let lossTags = ["loss/discriminator", "loss/generator"]
  /// Sample grids every fourth step, in both sessions, as a resumed run keeps its schedule.
  static let snapshotSteps = [0, 4, 8, 12]

  /// Session `session`'s value of a loss at `step`; the sessions differ so that a reader showing
  /// the interrupted session's steps 6–9 is caught.
  static func loss(_ tag: String, step: Int, session: Int) -> Float {
    let base = tag == "loss/discriminator" ? 1.5 - 0.1 * Float(step) : 0.7 + 0.05 * Float(step)
    return base + 0.01 * Float(session)
  }

  static func wallTime(step: Int, session: Int) -> Double {
    1_700_000_000 + 1000 * Double(session) + Double(step) + 0.25
  }

  /// A grid-like picture whose width tells the sessions apart.
  static func grid(columns: Int, channels: Int) -> Image {
    let width = 2 + 10 * columns, height = 22
    return Image(
      width: width, height: height, channels: channels,
      pixels: (0..<width * height * channels).map { UInt8(truncatingIfNeeded: $0 &* 7) })
  }

  /// Writes the two sessions into `logdir`; returns the two event files and the expected view.
  static func writeLogdir(_ logdir: String) throws -> (paths: [String], expected: Expected) {
    var expected = Expected()

    let interrupted = try EventFileWriter(directory: logdir)
    for step in 0...9 {
      for tag in lossTags {
        let value = loss(tag, step: step, session: 0)
        try interrupted.addScalar(tag: tag, value: value, step: step, wallTime: wallTime(step: step, session: 0))
        if step <= 5 { expected.scalars[tag, default: []].append([Double(step), Double(value), wallTime(step: step, session: 0)]) }
      }
    }
    for step in snapshotSteps where step <= 9 {
      let image = grid(columns: 3, channels: 3)
      try interrupted.addImage(tag: "samples", image: image, step: step, wallTime: wallTime(step: step, session: 0))
      if step <= 5 { expected.images["samples", default: []].append([step, image.width, image.height, 3]) }
    }
    let real = grid(columns: 2, channels: 1)
    try interrupted.addImage(tag: "real", image: real, step: 0, wallTime: wallTime(step: 0, session: 0))
    expected.images["real"] = [[0, real.width, real.height, 1]]
    try interrupted.close()

    let resumed = try EventFileWriter(directory: logdir)
    try resumed.addSessionStart(step: 6, wallTime: wallTime(step: 6, session: 1))
    for step in 6...12 {
      for tag in lossTags {
        let value = loss(tag, step: step, session: 1)
        try resumed.addScalar(tag: tag, value: value, step: step, wallTime: wallTime(step: step, session: 1))
        expected.scalars[tag, default: []].append([Double(step), Double(value), wallTime(step: step, session: 1)])
      }
    }
    for step in snapshotSteps where step >= 6 {
      let image = grid(columns: 5, channels: 3)
      try resumed.addImage(tag: "samples", image: image, step: step, wallTime: wallTime(step: step, session: 1))
      expected.images["samples", default: []].append([step, image.width, image.height, 3])
    }
    try resumed.addScalar(tag: "metrics/modes-covered", value: 8.0, step: 12, wallTime: wallTime(step: 12, session: 1))
    expected.scalars["metrics/modes-covered"] = [[12, 8, wallTime(step: 12, session: 1)]]
    try resumed.close()
    return ([interrupted.path, resumed.path], expected)
  }

  @Test func resumedRunLogdir() throws {
    if let folder = ProcessInfo.processInfo.environment["TENSORBOARD_EVENTS_CHECK_DIR"] {
      let (paths, expected) = try Self.writeLogdir(folder + "/logdir")
      try checkFiles(paths)
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      try encoder.encode(expected).write(to: URL(fileURLWithPath: folder + "/expected.json"))
    } else {
      try withTemporaryFolder { folder in try checkFiles(Self.writeLogdir(folder + "/logdir").paths) }
    }
  }

  /// The files as written: names in session order, each starting with the file version, the
  /// resumed one with its session start.
  private func checkFiles(_ paths: [String]) throws {
    #expect(paths.count == 2 && paths[0] < paths[1], "\(paths)")
    let interrupted = try EventFileReader.events(atPath: paths[0])
    let resumed = try EventFileReader.events(atPath: paths[1])
    #expect(interrupted.first?.fileVersion == "brain.Event:2" && resumed.first?.fileVersion == "brain.Event:2")
    #expect(interrupted.count == 1 + 20 + 3 + 1)
    #expect(resumed.count == 2 + 14 + 2 + 1)
    #expect(resumed[1].sessionLog.status == .start && resumed[1].step == 6)
    #expect(resumed.dropFirst(2).allSatisfy { $0.step >= 6 })
  }
}
