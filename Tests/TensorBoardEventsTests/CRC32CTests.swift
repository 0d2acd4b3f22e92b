import Testing
@testable import TensorBoardEvents

@Suite struct CRC32CTests {
  /// RFC 3720 (iSCSI) appendix B.4, and the customary check value of the ASCII digits.
  @Test(arguments: [
    ([UInt8](repeating: 0, count: 32), 0x8A91_36AA as UInt32),
    ([UInt8](repeating: 0xFF, count: 32), 0x62A8_AB43),
    (Array(0...31), 0x46DD_794E),
    (Array((0...31).reversed()), 0x113F_DB5C),
    (Array("123456789".utf8), 0xE306_9283),
    ([], 0),
  ] as [([UInt8], UInt32)])
  func knownVectors(bytes: [UInt8], expected: UInt32) {
    let crc = CRC32C.checksum(bytes)
    #expect(crc == expected, "CRC-32C of \(bytes.count) bytes: 0x\(String(crc, radix: 16)), expected 0x\(String(expected, radix: 16))")
  }

  /// Masked values computed by TensorBoard's own (pure Python) `masked_crc32c` on the empty
  /// input, "123456789" and 32 zero bytes.
  @Test(arguments: [
    (0 as UInt32, 0xA282_EAD8 as UInt32),
    (0xE306_9283, 0xC78A_B0E5),
    (0x8A91_36AA, 0x0FD7_FFFA),
  ] as [(UInt32, UInt32)])
  func maskingMatchesTensorBoard(crc: UInt32, expected: UInt32) {
    #expect(CRC32C.masked(crc) == expected)
  }

  @Test func maskingIsInvertible() {
    // Edge values and a Weyl sequence (multiples of the golden ratio's 32-bit fraction) that
    // reaches every bit position.
    let values: [UInt32] = [0, 1, 0x8000_0000, 0xFFFF_FFFF] + (1...1000).map { $0 &* 0x9E37_79B9 }
    for crc in values {
      #expect(EventFileReader.unmasked(CRC32C.masked(crc)) == crc, "0x\(String(crc, radix: 16))")
    }
  }
}
