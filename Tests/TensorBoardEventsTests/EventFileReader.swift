import SwiftProtobuf
@testable import TensorBoardEvents

/// Reads event files back for the tests: splits TFRecord framing, checking both checksums of
/// every record, and decodes each record as an `Event`.
///
/// Written from the format's description rather than from `TFRecord`, so that a mistake in the
/// writer's framing is not mirrored here.
enum EventFileReader {
  struct FormatError: Error, CustomStringConvertible {
    var description: String
  }

  /// The data of every record in `bytes`; throws on a torn record or a wrong checksum.
  static func records(in bytes: [UInt8]) throws -> [[UInt8]] {
    var records: [[UInt8]] = []
    var offset = 0
    while offset < bytes.count {
      guard offset + 12 <= bytes.count else {
        throw FormatError(description: "record at byte \(offset): \(bytes.count - offset) bytes, shorter than a header")
      }
      let lengthBytes = Array(bytes[offset..<offset + 8])
      let length = Int(littleEndian(lengthBytes))
      let lengthChecksum = UInt32(littleEndian(Array(bytes[offset + 8..<offset + 12])))
      guard unmasked(lengthChecksum) == CRC32C.checksum(lengthBytes) else {
        throw FormatError(description: "record at byte \(offset): length checksum mismatch")
      }
      let start = offset + 12
      guard start + length + 4 <= bytes.count else {
        throw FormatError(description: "record at byte \(offset): \(length) bytes announced, file ends first")
      }
      let data = Array(bytes[start..<start + length])
      let dataChecksum = UInt32(littleEndian(Array(bytes[start + length..<start + length + 4])))
      guard unmasked(dataChecksum) == CRC32C.checksum(data) else {
        throw FormatError(description: "record at byte \(offset): data checksum mismatch")
      }
      records.append(data)
      offset = start + length + 4
    }
    return records
  }

  /// Every event in the file at `path`.
  static func events(atPath path: String) throws -> [Tensorboard_Event] {
    try records(in: fileBytes(path)).map { try Tensorboard_Event(serializedBytes: $0) }
  }

  /// The inverse of the masking: subtract the constant, rotate left by 15.
  static func unmasked(_ masked: UInt32) -> UInt32 {
    let rotated = masked &- 0xA282_EAD8
    return (rotated << 15) | (rotated >> 17)
  }

  private static func littleEndian(_ bytes: [UInt8]) -> UInt64 {
    bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) }
  }
}
