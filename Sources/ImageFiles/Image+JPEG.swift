import _CJPEG

// JPEG through libjpeg (libjpeg-turbo on Debian), wrapped by the `_CJPEG` C target: libjpeg
// reports fatal errors by longjmp, which the C wrapper catches and returns as a message, so
// corrupt input becomes a thrown error instead of a call to exit().

extension Image {
  /// Decodes JPEG bytes (baseline or progressive) into a gray image (one-component files) or an
  /// RGB image (everything libjpeg converts to RGB: YCbCr and RGB files).
  ///
  /// A file whose data ends before the image is complete is refused: libjpeg would pad it with
  /// gray and merely warn. Other warnings (say, stray bytes before a marker, common in camera
  /// files) are tolerated, as every JPEG reader does.
  ///
  /// - Throws: `ImageFileError` naming the problem, for every malformed or unsupported input
  ///   (CMYK files among them).
  public init(jpegBytes bytes: [UInt8]) throws(ImageFileError) {
    self = try Image.decodeJPEG(bytes)
  }

  /// Reads and decodes the JPEG file at `path`; see `init(jpegBytes:)`.
  public init(jpegFile path: String) throws(ImageFileError) {
    let bytes = try FileSystem.readAll(path)
    do {
      self = try Image.decodeJPEG(bytes)
    } catch {
      throw error.attributed(to: path)
    }
  }

  /// This image encoded as a baseline JPEG of `quality` (1–100); gray or RGB images only (an
  /// RGBA image loses its alpha channel).
  public func jpegBytes(quality: Int = 90) throws(ImageFileError) -> [UInt8] {
    guard width > 0, height > 0 else {
      throw ImageFileError(path: nil, problem: "JPEG: cannot encode an empty \(width)×\(height) image")
    }
    let source = channels == 4 ? converted(toChannels: 3) : self
    var result = cjpeg_result()
    source.pixels.withUnsafeBufferPointer { pixels in
      cjpeg_encode(pixels.baseAddress, Int32(width), Int32(height), Int32(source.channels), Int32(quality), &result)
    }
    defer { cjpeg_free(result.bytes) }
    guard result.failed == 0, let bytes = result.bytes else {
      throw ImageFileError(path: nil, problem: "JPEG: encoding failed: \(Image.message(of: &result))")
    }
    return Array(UnsafeBufferPointer(start: bytes, count: Int(result.byte_count)))
  }

  /// Whether `bytes` start with a JPEG start-of-image marker followed by another marker.
  public static func hasJPEGSignature(_ bytes: [UInt8]) -> Bool {
    bytes.starts(with: [0xFF, 0xD8, 0xFF])
  }

  private static func decodeJPEG(_ bytes: [UInt8]) throws(ImageFileError) -> Image {
    guard !bytes.isEmpty else { throw ImageFileError(path: nil, problem: "JPEG: no data (0 bytes)") }
    guard hasJPEGSignature(bytes) else {
      throw ImageFileError(path: nil, problem: "JPEG: not a JPEG file (start-of-image marker missing)")
    }
    var result = cjpeg_result()
    bytes.withUnsafeBufferPointer { source in
      cjpeg_decode(source.baseAddress, source.count, maximumDecodedByteCount, &result)
    }
    defer { cjpeg_free(result.pixels) }
    guard result.failed == 0, let pixels = result.pixels else {
      throw ImageFileError(path: nil, problem: "JPEG: \(message(of: &result))")
    }
    guard result.truncated == 0 else {
      throw ImageFileError(path: nil, problem: "JPEG: truncated: the data ends before the image is complete (\(message(of: &result)))")
    }
    let width = Int(result.width), height = Int(result.height), channels = Int(result.channels)
    let samples = Array(UnsafeBufferPointer(start: pixels, count: width * height * channels))
    return Image(width: width, height: height, channels: channels, pixels: samples)
  }

  /// The wrapper's message (a NUL-terminated `char[200]`).
  private static func message(of result: inout cjpeg_result) -> String {
    let text = withUnsafeBytes(of: &result.message) { raw in
      String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
    }
    return text.isEmpty ? "unknown libjpeg error" : text
  }
}
