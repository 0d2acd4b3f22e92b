/// TFRecord framing, the container of TensorBoard event files: every record is
///
/// | bytes | content |
/// |---|---|
/// | 8 | the data's length n, unsigned, little-endian |
/// | 4 | masked CRC-32C of those 8 length bytes, little-endian |
/// | n | the data (here one serialized `Event`) |
/// | 4 | masked CRC-32C of the data, little-endian |
///
/// The length has its own checksum so that a reader can tell a torn length (a file cut while
/// being written) from a huge record before it tries to read n bytes.
enum TFRecord {
  /// Bytes a record adds around its data: length, length checksum, data checksum.
  static let framingByteCount = 8 + 4 + 4

  /// Appends `data`, framed as one record, to `buffer`.
  static func append(_ data: [UInt8], to buffer: inout [UInt8]) {
    let length = littleEndianBytes(UInt64(data.count))
    buffer.reserveCapacity(buffer.count + data.count + framingByteCount)
    buffer += length
    buffer += littleEndianBytes(CRC32C.masked(CRC32C.checksum(length)))
    buffer += data
    buffer += littleEndianBytes(CRC32C.masked(CRC32C.checksum(data)))
  }

  private static func littleEndianBytes(_ value: some FixedWidthInteger) -> [UInt8] {
    withUnsafeBytes(of: value.littleEndian) { Array($0) }
  }
}
