// Netpbm PGM (portable graymap), https://netpbm.sourceforge.net/doc/pgm.html:
//
//   "P5" | "P2", whitespace, width, whitespace, height, whitespace, maxval, ONE whitespace, raster
//
// with '#' comments (to the end of the line) allowed anywhere in the header. P5 rasters are
// binary: one byte per sample when maxval < 256, else two bytes, most significant first. P2
// rasters are decimal numbers separated by whitespace. 0 is black, maxval is white.

extension Image {
  /// Decodes a PGM image (binary P5 or plain P2) into a gray image.
  ///
  /// Samples are rescaled from 0...maxval to 0...255 (rounding to nearest), so 16-bit files lose
  /// their low bits and maxval 255 files are copied exactly. Only the first image of a
  /// multi-image file is read; bytes after its raster are ignored.
  ///
  /// - Throws: `ImageFileError` for a wrong magic number, a missing or malformed header field,
  ///   a zero size, a maxval outside 1...65535, a sample above maxval, or a truncated raster.
  public init(pgmBytes bytes: [UInt8]) throws(ImageFileError) {
    var parser = PGMParser(bytes: bytes)
    self = try parser.parse()
  }

  /// Reads and decodes the PGM file at `path`; see `init(pgmBytes:)`.
  public init(pgmFile path: String) throws(ImageFileError) {
    let bytes = try FileSystem.readAll(path)
    do {
      self = try Image(pgmBytes: bytes)
    } catch {
      throw error.attributed(to: path)
    }
  }

  /// This gray image encoded as binary PGM (P5, maxval 255).
  public func pgmBytes() -> [UInt8] {
    precondition(channels == 1, "Image.pgmBytes: PGM holds gray images; this one has \(channels) channels")
    return Array("P5\n\(width) \(height)\n255\n".utf8) + pixels
  }
}

/// A cursor over PGM bytes; every failure is an `ImageFileError` that says what was expected where.
private struct PGMParser {
  let bytes: [UInt8]
  var position = 0

  init(bytes: [UInt8]) { self.bytes = bytes }

  mutating func parse() throws(ImageFileError) -> Image {
    guard bytes.count >= 2, bytes[0] == UInt8(ascii: "P"), bytes[1] == UInt8(ascii: "5") || bytes[1] == UInt8(ascii: "2") else {
      throw failure("not a PGM file (expected magic number P5 or P2)")
    }
    let plain = bytes[1] == UInt8(ascii: "2")
    position = 2
    let width = try headerNumber("width")
    let height = try headerNumber("height")
    let maxval = try headerNumber("maxval")
    guard width > 0, height > 0 else { throw failure("empty image size \(width)×\(height)") }
    guard (1...65535).contains(maxval) else { throw failure("maxval \(maxval) outside 1...65535") }
    guard width * height <= Image.maximumDecodedByteCount else {
      throw failure("\(width)×\(height) image exceeds the decode limit of \(Image.maximumDecodedByteCount) bytes")
    }
    let count = width * height
    var pixels = [UInt8](repeating: 0, count: count)
    if plain {
      for i in 0..<count {
        let sample = try rasterNumber(index: i, of: count)
        guard sample <= maxval else { throw failure("sample \(sample) at pixel \(i) exceeds maxval \(maxval)") }
        pixels[i] = Self.scale(sample, maxval: maxval)
      }
    } else {
      // Exactly one whitespace byte separates maxval from the raster; a raster may start with
      // a byte that looks like whitespace, so no more is skipped.
      guard position < bytes.count, Self.isWhitespace(bytes[position]) else {
        throw failure("expected one whitespace byte after maxval at byte \(position)")
      }
      position += 1
      let bytesPerSample = maxval < 256 ? 1 : 2
      let available = bytes.count - position
      guard available >= count * bytesPerSample else {
        throw failure("raster truncated: \(width)×\(height) needs \(count * bytesPerSample) bytes, found \(available)")
      }
      for i in 0..<count {
        let sample =
          bytesPerSample == 1
          ? Int(bytes[position + i])
          : Int(bytes[position + 2 * i]) << 8 | Int(bytes[position + 2 * i + 1])
        guard sample <= maxval else { throw failure("sample \(sample) at pixel \(i) exceeds maxval \(maxval)") }
        pixels[i] = Self.scale(sample, maxval: maxval)
      }
    }
    return Image(width: width, height: height, channels: 1, pixels: pixels)
  }

  /// A header field: a number that ends in whitespace or a comment.
  private mutating func headerNumber(_ field: String) throws(ImageFileError) -> Int {
    let value = try number(field, missing: "header truncated: missing \(field)")
    guard position < bytes.count else { throw failure("header truncated after \(field)") }
    guard Self.isWhitespace(bytes[position]) || bytes[position] == UInt8(ascii: "#") else {
      throw failure("\(field) must be followed by whitespace at byte \(position), found \(describe(bytes[position]))")
    }
    return value
  }

  /// A P2 raster sample.
  private mutating func rasterNumber(index: Int, of count: Int) throws(ImageFileError) -> Int {
    try number("sample \(index)", missing: "raster truncated: found \(index) of \(count) samples")
  }

  /// Skips whitespace and comments, then reads a decimal number of at most 9 digits (no valid
  /// field needs more, and the cap keeps the arithmetic from overflowing).
  private mutating func number(_ what: String, missing: String) throws(ImageFileError) -> Int {
    skipWhitespaceAndComments()
    guard position < bytes.count else { throw failure(missing) }
    let start = position
    var value = 0
    while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
      guard position - start < 9 else { throw failure("\(what) too large at byte \(start)") }
      value = value * 10 + Int(bytes[position] - UInt8(ascii: "0"))
      position += 1
    }
    guard position > start else {
      throw failure("expected \(what) (decimal digits) at byte \(start), found \(describe(bytes[start]))")
    }
    return value
  }

  private mutating func skipWhitespaceAndComments() {
    while position < bytes.count {
      if Self.isWhitespace(bytes[position]) {
        position += 1
      } else if bytes[position] == UInt8(ascii: "#") {
        while position < bytes.count, bytes[position] != UInt8(ascii: "\n"), bytes[position] != UInt8(ascii: "\r") {
          position += 1
        }
      } else {
        return
      }
    }
  }

  private static func isWhitespace(_ byte: UInt8) -> Bool {
    // Netpbm's whitespace: space, TAB, LF, VT, FF, CR.
    byte == 0x20 || (0x09...0x0D).contains(byte)
  }

  private static func scale(_ sample: Int, maxval: Int) -> UInt8 {
    UInt8((sample * 255 + maxval / 2) / maxval)
  }

  private func describe(_ byte: UInt8) -> String {
    (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
  }

  private func failure(_ problem: String) -> ImageFileError {
    ImageFileError(path: nil, problem: "PGM: \(problem)")
  }
}
