import Testing
@testable import Datasets

@Suite struct IDXTests {
  @Test func roundTripAndHeaderLayout() throws {
    let array = IDXArray(shape: [2, 3, 4], bytes: (0..<24).map(UInt8.init))
    let bytes = array.encoded()
    #expect(Array(bytes.prefix(16)) == [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4])
    #expect(bytes.count == 16 + 24)
    #expect(try IDXArray(decoding: bytes) == array)
    #expect(IDXArray.magic(rank: 3) == 0x0000_0803 && IDXArray.magic(rank: 1) == 2049)
  }

  @Test func badHeadersNameTheProblem() {
    let cases: [([UInt8], String)] = [
      ([], "too short for the 4-byte IDX magic number"),
      ([0, 0, 8], "too short"),
      ([1, 2, 8, 3], "does not start with two zero bytes"),
      ([0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0], "element type 0x0D (32-bit floats) is not supported"),
      ([0, 0, 8, 0], "zero dimensions"),
      ([0, 0, 8, 3, 0, 0, 0, 1, 0, 0], "header truncated"),
      ([0, 0, 8, 1, 0, 0, 0, 5, 1, 2], "truncated: the header promises 5 = 5 bytes after the 8-byte header, the file holds 2"),
      ([0, 0, 8, 1, 0, 0, 0, 1, 1, 2], "1 unexpected bytes after"),
      ([0, 0, 8, 3, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], "is too large"),
    ]
    for (bytes, message) in cases {
      let error = #expect(throws: DatasetError.self) { try IDXArray(decoding: bytes) }
      #expect(error?.problem.hasPrefix("IDX: ") == true && error?.problem.contains(message) == true,
              "\(bytes): expected '\(message)', got '\(error?.problem ?? "no error")'")
    }
  }
}
