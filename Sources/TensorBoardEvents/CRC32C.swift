/// CRC-32C (Castagnoli), the checksum TFRecord framing puts after a record's length and its data.
///
/// The reflected CRC with polynomial 0x1EDC6F41 (0x82F63B78 bit-reversed), initial value and final
/// XOR 0xFFFFFFFF, as in RFC 3720 (iSCSI) appendix B.4: 32 zero bytes give 0x8A9136AA and the
/// ASCII digits "123456789" give 0xE3069283. It is not zlib's CRC-32 (polynomial 0x04C11DB7);
/// TensorBoard rejects records whose checksums were made with that one.
enum CRC32C {
  /// The CRC-32C of `bytes`.
  static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
    }
    return ~crc
  }

  /// The CRC-32C of `bytes`.
  static func checksum(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBytes { checksum($0) }
  }

  /// `crc` rotated right by 15 bits plus 0xA282EAD8, the form stored in TFRecord files.
  ///
  /// TensorFlow masks stored checksums because computing a CRC over data that itself contains
  /// CRCs (a record file inside a record) is prone to degenerate results; the rotation and the
  /// added constant break that pattern.
  static func masked(_ crc: UInt32) -> UInt32 {
    ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8
  }

  /// The CRC of every byte value alone, for the byte-at-a-time update above.
  private static let table: [UInt32] = (0..<256).map { index in
    var crc = UInt32(index)
    for _ in 0..<8 {
      crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1
    }
    return crc
  }
}
