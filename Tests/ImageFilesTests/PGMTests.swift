import Testing
import ImageFiles
import _TestSupport

@Suite struct PGMTests {
  @Test func binaryRoundTrip() throws {
    var generator = SeededBytes(seed: 23)
    let image = Image(width: 13, height: 7, channels: 1, pixels: generator.bytes(91))
    let bytes = image.pgmBytes()
    #expect(bytes.starts(with: Array("P5\n13 7\n255\n".utf8)))
    #expect(try Image(pgmBytes: bytes) == image)
  }

  @Test func fileRoundTripAndFormatSniffing() throws {
    let folder = TemporaryFolder()
    let image = Image(width: 3, height: 2, channels: 1, pixels: [0, 1, 2, 253, 254, 255])
    folder.write(image.pgmBytes(), to: "digits.pgm")
    #expect(try Image(pgmFile: folder.file("digits.pgm")) == image)
    #expect(try Image(contentsOfFile: folder.file("digits.pgm")) == image)
  }

  @Test func plainFormatWithCommentsAndScaling() throws {
    let text = "P2\n# a comment\n3 2 # trailing comment\n4\n0 1 2\n3 4\n0\n"
    let image = try Image(pgmBytes: Array(text.utf8))
    #expect(image.width == 3 && image.height == 2 && image.channels == 1)
    // Samples scale from 0...4 to 0...255, rounding to nearest.
    #expect(image.pixels == [0, 64, 128, 191, 255, 0])
  }

  @Test func sixteenBitBinaryIsBigEndianAndRescaled() throws {
    let bytes = Array("P5 2 1 65535\n".utf8) + [0xFF, 0xFF, 0x80, 0x00]
    #expect(try Image(pgmBytes: bytes).pixels == [255, 128])
  }

  @Test func rasterMayStartWithWhitespaceLikeByte() throws {
    // Exactly one whitespace byte ends the header; the next 0x0A is a sample.
    let bytes = Array("P5 2 1 255\n".utf8) + [0x0A, 0x20]
    #expect(try Image(pgmBytes: bytes).pixels == [10, 32])
  }

  @Test(arguments: [
    ("P6 1 1 255\n\u{0}", "magic number"),
    ("", "magic number"),
    ("P5", "header truncated: missing width"),
    ("P5 x 1 255\n\u{0}", "expected width"),
    ("P5 2", "width"),
    ("P5 2 1", "header truncated after height"),
    ("P5 0 4 255\n", "empty image size 0×4"),
    ("P5 1 1 0\n\u{0}", "maxval 0 outside 1...65535"),
    ("P5 1 1 70000\n\u{0}\u{0}", "maxval 70000 outside 1...65535"),
    ("P5 1 1 255", "header truncated after maxval"),
    ("P5 1 1 255#comment\n\u{0}", "one whitespace byte after maxval"),
    ("P5 2x2 255\n\u{0}", "width must be followed by whitespace"),
    ("P5 1234567890 1 255\n", "width too large"),
    ("P5 3 3 255\nabc", "raster truncated: 3×3 needs 9 bytes, found 3"),
    ("P5 1 1 100\ne", "sample 101 at pixel 0 exceeds maxval 100"),
    ("P2 2 2 255\n1 2 3", "raster truncated: found 3 of 4 samples"),
    ("P2 2 1 9\n1 10", "sample 10 at pixel 1 exceeds maxval 9"),
    ("P2 2 1 9\n1 z", "expected sample 1"),
  ])
  func headerAndRasterErrors(input: String, expected: String) {
    let error = #expect(throws: ImageFileError.self) { try Image(pgmBytes: Array(input.utf8)) }
    #expect(error?.path == nil)
    #expect(error?.problem.hasPrefix("PGM: ") == true, "\(String(describing: error))")
    #expect(error?.problem.contains(expected) == true, "\(String(describing: error)) should mention \(expected)")
  }

  @Test func errorNamesTheFile() {
    let folder = TemporaryFolder()
    folder.write(Array("P5 4 4 255\nshort".utf8), to: "short.pgm")
    let error = #expect(throws: ImageFileError.self) { try Image(pgmFile: folder.file("short.pgm")) }
    #expect(error?.description.hasPrefix(folder.file("short.pgm") + ": PGM: raster truncated") == true)
  }

  @Test func truncationsAndRandomBytesNeverCrash() {
    let binary = Image(width: 10, height: 10, channels: 1, repeating: 77).pgmBytes()
    for length in 0..<binary.count {
      #expect(throws: ImageFileError.self) { try Image(pgmBytes: Array(binary[0..<length])) }
    }
    var generator = SeededBytes(seed: 29)
    for trial in 0..<3000 {
      var bytes = generator.bytes(Int.random(in: 0...64, using: &generator))
      // Prefix most trials with a magic number and digits so the parser gets past the first check.
      switch trial % 3 {
      case 0: bytes = Array("P5 ".utf8) + bytes
      case 1: bytes = Array("P2 3 2 ".utf8) + bytes.map { $0 % 2 == 0 ? UInt8(ascii: " ") : UInt8(ascii: "0") + $0 % 10 }
      default: break
      }
      _ = try? Image(pgmBytes: bytes)
    }
  }
}
