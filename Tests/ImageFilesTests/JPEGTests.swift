import Testing
import ImageFiles
import _TestSupport

@Suite struct JPEGTests {
  /// A smooth image (JPEG's good case, chroma subsampling included): gradients per channel.
  static func gradient(width: Int, height: Int, channels: Int) -> Image {
    var image = Image(width: width, height: height, channels: channels)
    for y in 0..<height {
      for x in 0..<width {
        for c in 0..<channels { image[x: x, y: y, channel: c] = UInt8((x * 2 + y * 2 + c * 30) % 256) }
      }
    }
    return image
  }

  @Test(arguments: [1, 3])
  func roundTripIsCloseAtHighQuality(channels: Int) throws {
    let image = Self.gradient(width: 33, height: 17, channels: channels)
    let bytes = try image.jpegBytes(quality: 98)
    #expect(Image.hasJPEGSignature(bytes))
    let decoded = try Image(jpegBytes: bytes)
    #expect(decoded.width == 33 && decoded.height == 17 && decoded.channels == channels)
    let error = zip(decoded.pixels, image.pixels).map { abs(Int($0) - Int($1)) }.max()!
    #expect(error <= 12, "largest sample error \(error), tolerance 12")
  }

  @Test func rgbaLosesItsAlphaAndFilesAreSniffed() throws {
    let folder = TemporaryFolder()
    let path = folder.file("photo.jpeg")
    folder.write(try Image(width: 8, height: 8, channels: 4, repeating: 200).jpegBytes(), to: "photo.jpeg")
    let decoded = try Image(contentsOfFile: path)
    #expect(decoded.channels == 3 && decoded.pixels.allSatisfy { abs(Int($0) - 200) <= 2 })
    #expect(try Image(jpegFile: path) == decoded)
  }

  @Test func badInputNamesTheProblemAndTheFile() throws {
    #expect { try Image(jpegBytes: []) } throws: { "\($0)" == "JPEG: no data (0 bytes)" }
    #expect { try Image(jpegBytes: [0x89, 0x50]) } throws: { "\($0)".contains("start-of-image marker missing") }
    let bytes = try Self.gradient(width: 160, height: 120, channels: 3).jpegBytes()
    #expect { try Image(jpegBytes: Array(bytes.prefix(bytes.count / 2))) } throws: { "\($0)".hasPrefix("JPEG: truncated") }
    #expect { try Image(jpegBytes: Array(bytes.prefix(20))) } throws: { "\($0)".hasPrefix("JPEG: ") }
    var corrupt = bytes
    for i in 2..<60 { corrupt[i] = 0x11 }
    #expect { try Image(jpegBytes: corrupt) } throws: { "\($0)".hasPrefix("JPEG: ") }
    let folder = TemporaryFolder()
    folder.write(Array(bytes.prefix(100)), to: "cut.jpg")
    let error = #expect(throws: ImageFileError.self) { try Image(contentsOfFile: folder.file("cut.jpg")) }
    #expect(error?.path == folder.file("cut.jpg"))
  }
}
