// Hand-assembled PNG streams, so tests can reach colour types and bit depths the encoder never
// writes (palette, gray + alpha, 16-bit) and can corrupt chunk data while keeping CRCs valid.

/// Builds a PNG byte stream chunk by chunk; image data is stored uncompressed (deflate "stored"
/// blocks), which keeps the bytes predictable.
struct PNGBuilder {
  static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

  /// A complete PNG: signature, IHDR, the given extra chunks (e.g. PLTE, tRNS), IDAT, IEND.
  /// `rows` are the raw scanlines without filter bytes; filter type 0 (None) is prepended.
  static func png(
    width: Int, height: Int, bitDepth: UInt8, colorType: UInt8, rows: [[UInt8]],
    extraChunks: [(type: String, data: [UInt8])] = []
  ) -> [UInt8] {
    var header = bigEndian(UInt32(width)) + bigEndian(UInt32(height))
    header += [bitDepth, colorType, 0, 0, 0]  // compression, filter, interlace
    var bytes = signature + chunk("IHDR", header)
    for extra in extraChunks { bytes += chunk(extra.type, extra.data) }
    let scanlines = rows.flatMap { [UInt8(0)] + $0 }
    bytes += chunk("IDAT", zlibStored(scanlines))
    bytes += chunk("IEND", [])
    return bytes
  }

  /// Length, type, data, CRC-32 over type and data.
  static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
    let typeAndData = Array(type.utf8) + data
    return bigEndian(UInt32(data.count)) + typeAndData + bigEndian(crc32(typeAndData))
  }

  /// The chunks of a PNG stream as (offset of the length field, data length); stops at the
  /// first inconsistency.
  static func chunkOffsets(_ png: [UInt8]) -> [(offset: Int, length: Int)] {
    var result: [(Int, Int)] = []
    var offset = 8
    while offset + 12 <= png.count {
      let length = Int(png[offset]) << 24 | Int(png[offset + 1]) << 16 | Int(png[offset + 2]) << 8 | Int(png[offset + 3])
      guard offset + 12 + length <= png.count else { break }
      result.append((offset, length))
      offset += 12 + length
    }
    return result
  }

  /// Recomputes the CRC of the chunk whose length field is at `offset`.
  static func fixCRC(_ png: inout [UInt8], chunkAt offset: Int, length: Int) {
    let crc = crc32(Array(png[offset + 4..<offset + 8 + length]))
    png.replaceSubrange(offset + 8 + length..<offset + 12 + length, with: bigEndian(crc))
  }

  /// A zlib stream of deflate "stored" (uncompressed) blocks.
  static func zlibStored(_ data: [UInt8]) -> [UInt8] {
    var out: [UInt8] = [0x78, 0x01]
    var start = 0
    repeat {
      let end = min(start + 65535, data.count)
      let length = UInt16(end - start)
      out.append(end == data.count ? 1 : 0)  // BFINAL, BTYPE = 00
      out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
      out += data[start..<end]
      start = end
    } while start < data.count
    return out + bigEndian(adler32(data))
  }

  static func bigEndian(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
  }

  static func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
  }

  static func adler32(_ bytes: [UInt8]) -> UInt32 {
    var a: UInt32 = 1, b: UInt32 = 0
    for byte in bytes {
      a = (a + UInt32(byte)) % 65521
      b = (b + a) % 65521
    }
    return b << 16 | a
  }
}
