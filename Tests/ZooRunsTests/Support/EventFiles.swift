import Foundation
import SwiftProtobuf
@testable import TensorBoardEvents

/// The events of a run directory's TensorBoard files, read back for the tests (TFRecord framing
/// split without checking checksums: `Tests/EndToEnd/tensorboard-reads-event-files.sh` has
/// TensorBoard itself read real runs).
enum EventFiles {
  /// The event files in `folder`, in name order (the order they were opened).
  static func paths(in folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix("events.out.tfevents.") }.sorted()
      .map { folder + "/" + $0 }
  }

  /// Every event of the file at `path`.
  static func events(atPath path: String) throws -> [Tensorboard_Event] {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    var events: [Tensorboard_Event] = [], offset = 0
    while offset + 12 <= bytes.count {
      let length = (0..<8).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
      events.append(try Tensorboard_Event(serializedBytes: Array(bytes[offset + 12..<offset + 12 + length])))
      offset += 12 + length + 4
    }
    return events
  }

  /// (tag, step, value) of every scalar in the files of `folder`, in file order.
  static func scalars(in folder: String) throws -> [(tag: String, step: Int, value: Float)] {
    try paths(in: folder).flatMap { try events(atPath: $0) }.flatMap { event in
      event.summary.value.filter { $0.image.encodedImageString.isEmpty }.map { ($0.tag, Int(event.step), $0.simpleValue) }
    }
  }

  /// (tag, step) of every image in the files of `folder`, in file order.
  static func images(in folder: String) throws -> [(tag: String, step: Int)] {
    try paths(in: folder).flatMap { try events(atPath: $0) }.flatMap { event in
      event.summary.value.filter { !$0.image.encodedImageString.isEmpty }.map { ($0.tag, Int(event.step)) }
    }
  }
}
