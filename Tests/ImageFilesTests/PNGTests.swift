import Testing
import ImageFiles
import _TestSupport

@Suite struct PNGTests {
  static func randomImage(width: Int, height: Int, channels: Int, seed: UInt64) -> Image {
    var generator = SeededBytes(seed: seed)
    return Image(width: width, height: height, channels: channels, pixels: generator.bytes(width * height * channels))
  }

  @Test(arguments: [1, 3, 4])
  func roundTripThroughBytes(channels: Int) throws {
    for (width, height) in [(1, 1), (7, 3), (33, 17)] {
      let image = Self.randomImage(width: width, height: height, channels: channels, seed: UInt64(width * 100 + channels))
      let bytes = try image.pngBytes()
      #expect(Image.hasPNGSignature(bytes))
      // IHDR colour type: 0 gray, 2 truecolour, 6 truecolour with alpha.
      #expect(bytes[25] == [1: 0, 3: 2, 4: 6][channels])
      let decoded = try Image(pngBytes: bytes)
      #expect(decoded == image)
    }
  }

  @Test(arguments: [1, 3, 4])
  func roundTripThroughFile(channels: Int) throws {
    let folder = TemporaryFolder()
    let image = Self.randomImage(width: 20, height: 11, channels: channels, seed: 5)
    let path = folder.file("image.png")
    try image.writePNG(toFile: path)
    #expect(try Image(pngFile: path) == image)
    #expect(try Image(contentsOfFile: path) == image)
  }

  @Test func writeReplacesAtomicallyAndLeavesNoTemporaryFile() throws {
    let folder = TemporaryFolder()
    let path = folder.file("grid.png")
    try Self.randomImage(width: 5, height: 5, channels: 3, seed: 1).writePNG(toFile: path)
    let second = Self.randomImage(width: 9, height: 2, channels: 1, seed: 2)
    try second.writePNG(toFile: path)
    #expect(try Image(pngFile: path) == second)
    #expect(folder.contents() == ["grid.png"])
  }

  @Test func writeIntoMissingFolderNamesTheFile() {
    let path = "/nonexistent-folder-for-tests/sample.png"
    let error = #expect(throws: ImageFileError.self) {
      try Image(width: 2, height: 2, channels: 1).writePNG(toFile: path)
    }
    #expect(error?.path == path)
    #expect(error?.description.hasPrefix(path) == true)
  }

  @Test func readingMissingFileNamesTheFile() {
    let path = "/nonexistent-folder-for-tests/missing.png"
    let error = #expect(throws: ImageFileError.self) { try Image(pngFile: path) }
    #expect(error?.path == path)
    #expect(error?.problem.contains("No such file") == true)
  }

  @Test func corruptFileOnDiskNamesTheFileAndTheProblem() throws {
    let folder = TemporaryFolder()
    var bytes = try Self.randomImage(width: 8, height: 8, channels: 3, seed: 3).pngBytes()
    bytes[40] ^= 0xFF  // inside IDAT; the chunk CRC no longer matches
    folder.write(bytes, to: "broken.png")
    let error = #expect(throws: ImageFileError.self) { try Image(pngFile: folder.file("broken.png")) }
    #expect(error?.path == folder.file("broken.png"))
    #expect(error?.problem.hasPrefix("PNG: ") == true)
    #expect(error?.problem.count ?? 0 > "PNG: ".count)
  }

  @Test func encodingAnEmptyImageThrows() {
    #expect(throws: ImageFileError.self) { try Image(width: 0, height: 3, channels: 1).pngBytes() }
  }

  // MARK: Colour types the encoder never writes

  @Test func paletteBecomesRGBAndTransparentPaletteBecomesRGBA() throws {
    let palette: [UInt8] = [255, 0, 0, 0, 255, 0, 0, 0, 255]
    let rows: [[UInt8]] = [[0, 1], [2, 0]]
    let opaque = PNGBuilder.png(
      width: 2, height: 2, bitDepth: 8, colorType: 3, rows: rows, extraChunks: [("PLTE", palette)])
    let rgb = try Image(pngBytes: opaque)
    #expect(rgb.channels == 3)
    #expect(rgb.pixels == [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 0, 0])

    let transparent = PNGBuilder.png(
      width: 2, height: 2, bitDepth: 8, colorType: 3, rows: rows,
      extraChunks: [("PLTE", palette), ("tRNS", [255, 128, 0])])
    let rgba = try Image(pngBytes: transparent)
    #expect(rgba.channels == 4)
    #expect(rgba.pixel(x: 0, y: 0) == [255, 0, 0, 255])
    #expect(rgba.pixel(x: 1, y: 0) == [0, 255, 0, 128])
    #expect(rgba.pixel(x: 0, y: 1)[3] == 0)
  }

  @Test func grayWithAlphaBecomesRGBA() throws {
    let png = PNGBuilder.png(width: 2, height: 1, bitDepth: 8, colorType: 4, rows: [[200, 255, 10, 255]])
    let image = try Image(pngBytes: png)
    #expect(image.channels == 4)
    #expect(image.pixels == [200, 200, 200, 255, 10, 10, 10, 255])
  }

  @Test func sixteenBitGrayIsReducedToEightBits() throws {
    // Without gAMA/sRGB chunks libpng treats 16-bit samples as linear, so only the ends of the
    // range are exact after conversion to 8-bit sRGB.
    let png = PNGBuilder.png(width: 2, height: 1, bitDepth: 16, colorType: 0, rows: [[0, 0, 255, 255]])
    let image = try Image(pngBytes: png)
    #expect(image.channels == 1)
    #expect(image.pixels == [0, 255])
  }

  @Test func handBuiltStreamDecodes() throws {
    // Guards the builder used by the fuzz tests below: an unmutated stream must decode.
    let png = PNGBuilder.png(width: 3, height: 1, bitDepth: 8, colorType: 2, rows: [[1, 2, 3, 4, 5, 6, 7, 8, 9]])
    #expect(try Image(pngBytes: png).pixels == [1, 2, 3, 4, 5, 6, 7, 8, 9])
  }

  // MARK: Hostile input: every case must throw (or decode), never crash

  @Test func everyTruncationThrows() throws {
    let image = Self.randomImage(width: 24, height: 24, channels: 3, seed: 7)
    let bytes = try image.pngBytes()
    // The last 12 bytes are the IEND chunk; libpng has every pixel before reaching it, so a
    // cut inside IEND may still decode, but only to the original image.
    let iendStart = bytes.count - 12
    for length in 0..<iendStart {
      #expect(throws: ImageFileError.self) { try Image(pngBytes: Array(bytes[0..<length])) }
    }
    for length in iendStart..<bytes.count {
      if let decoded = try? Image(pngBytes: Array(bytes[0..<length])) { #expect(decoded == image) }
    }
  }

  @Test func randomBytesThrow() {
    var generator = SeededBytes(seed: 11)
    for trial in 0..<2000 {
      var bytes = generator.bytes(Int.random(in: 0...300, using: &generator))
      // Half the trials get a valid signature so libpng itself, not the signature check, rejects them.
      if trial % 2 == 0 { bytes = PNGBuilder.signature + bytes }
      #expect(throws: ImageFileError.self) { try Image(pngBytes: bytes) }
    }
  }

  @Test func flippedBytesNeverCrash() throws {
    let original = try Self.randomImage(width: 16, height: 16, channels: 4, seed: 13).pngBytes()
    var generator = SeededBytes(seed: 17)
    for _ in 0..<2000 {
      var bytes = original
      for _ in 0..<Int.random(in: 1...4, using: &generator) {
        bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
      }
      // A flip may leave the image decodable (e.g. inside an ancillary chunk); the only
      // requirement is a clean outcome, which reaching the next iteration shows.
      _ = try? Image(pngBytes: bytes)
    }
  }

  @Test func corruptChunkDataWithValidCRCsNeverCrashes() {
    // With CRCs repaired, corruption reaches the header checks, zlib and the row filters.
    let original = PNGBuilder.png(
      width: 6, height: 5, bitDepth: 8, colorType: 2,
      rows: (0..<5).map { row in (0..<18).map { UInt8(row * 18 + $0) } })
    let chunks = PNGBuilder.chunkOffsets(original)
    var generator = SeededBytes(seed: 19)
    var failures = 0
    for _ in 0..<2000 {
      var bytes = original
      let (offset, length) = chunks.filter { $0.length > 0 }.randomElement(using: &generator)!
      for _ in 0..<Int.random(in: 1...3, using: &generator) {
        bytes[offset + 8 + Int.random(in: 0..<length, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
      }
      PNGBuilder.fixCRC(&bytes, chunkAt: offset, length: length)
      if (try? Image(pngBytes: bytes)) == nil { failures += 1 }
    }
    // Most corruptions of IHDR or the zlib stream are detected.
    #expect(failures > 500)
  }

  @Test func forgedHugeDimensionsAreRefusedBeforeAllocating() {
    // 1,000,000 × 1,000,000 RGBA is within libpng's per-side limit but far beyond memory.
    let header = PNGBuilder.bigEndian(1_000_000) + PNGBuilder.bigEndian(1_000_000) + [8, 6, 0, 0, 0]
    let png =
      PNGBuilder.signature + PNGBuilder.chunk("IHDR", header)
      + PNGBuilder.chunk("IDAT", PNGBuilder.zlibStored([0])) + PNGBuilder.chunk("IEND", [])
    let error = #expect(throws: ImageFileError.self) { try Image(pngBytes: png) }
    #expect(error?.problem.contains("decode limit") == true, "\(String(describing: error))")
  }
}
