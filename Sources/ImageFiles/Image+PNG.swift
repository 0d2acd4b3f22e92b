import _CPNG

// PNG through libpng's simplified API (png_image_*). libpng signals errors with longjmp; the
// simplified API catches that jump inside libpng and returns 0 with a message in
// png_image.message, which is what lets corrupt input become a thrown error instead of a crash.

extension Image {
  /// The largest decoded image accepted, in bytes (1 GiB). libpng caps each side at 1,000,000
  /// pixels, but a forged header could still ask for a terabyte; refuse before allocating.
  public static let maximumDecodedByteCount = 1 << 30

  /// Decodes PNG bytes.
  ///
  /// Any PNG colour type and bit depth is accepted and converted to 8-bit sRGB samples: gray stays
  /// gray (1 channel), truecolour and palette images become RGB (3), and anything with
  /// transparency (an alpha channel or a tRNS chunk) becomes RGBA (4). 16-bit images are reduced
  /// to 8 bits by libpng.
  ///
  /// - Throws: `ImageFileError` naming the problem, for every malformed input.
  public init(pngBytes bytes: [UInt8]) throws(ImageFileError) {
    self = try Image.decodePNG(bytes)
  }

  /// Reads and decodes the PNG file at `path`; see `init(pngBytes:)`.
  public init(pngFile path: String) throws(ImageFileError) {
    let bytes = try FileSystem.readAll(path)
    do {
      self = try Image.decodePNG(bytes)
    } catch {
      throw error.attributed(to: path)
    }
  }

  /// This image encoded as an 8-bit PNG (colour type 0, 2 or 6 for 1, 3 or 4 channels).
  public func pngBytes() throws(ImageFileError) -> [UInt8] {
    guard width > 0, height > 0 else {
      throw ImageFileError(path: nil, problem: "PNG: cannot encode an empty \(width)×\(height) image")
    }
    var image = png_image()
    image.version = png_uint_32(PNG_IMAGE_VERSION)
    image.width = png_uint_32(width)
    image.height = png_uint_32(height)
    image.format = Image.pngFormat(channels: channels)
    defer { png_image_free(&image) }

    var capacity = Int(cpng_image_png_size_max(&image))
    // Two passes at most: the bound above is documented as sufficient, but if a zlib build
    // exceeded it libpng reports the size it needs and the second pass uses that.
    for _ in 0..<2 {
      var output = [UInt8](repeating: 0, count: capacity)
      var size = png_alloc_size_t(capacity)
      let succeeded = output.withUnsafeMutableBytes { buffer in
        pixels.withUnsafeBytes { source in
          png_image_write_to_memory(&image, buffer.baseAddress, &size, 0, source.baseAddress, 0, nil)
        }
      }
      if succeeded != 0 {
        output.removeSubrange(Int(size)...)
        return output
      }
      guard Int(size) > capacity else { break }
      capacity = Int(size)
      png_image_free(&image)
      image.warning_or_error = 0
    }
    throw ImageFileError(path: nil, problem: "PNG: encoding failed: \(Image.message(of: &image))")
  }

  /// Encodes this image as PNG and writes it to `path` atomically (a temporary file in the same
  /// folder, renamed into place), replacing any file there.
  public func writePNG(toFile path: String) throws(ImageFileError) {
    let bytes: [UInt8]
    do {
      bytes = try pngBytes()
    } catch {
      throw error.attributed(to: path)
    }
    try FileSystem.writeAtomically(bytes, to: path)
  }

  /// Whether `bytes` start with the 8-byte PNG signature.
  public static func hasPNGSignature(_ bytes: [UInt8]) -> Bool {
    bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
  }

  private static func decodePNG(_ bytes: [UInt8]) throws(ImageFileError) -> Image {
    guard !bytes.isEmpty else { throw ImageFileError(path: nil, problem: "PNG: no data (0 bytes)") }
    guard hasPNGSignature(bytes) else {
      throw ImageFileError(path: nil, problem: "PNG: not a PNG file (signature missing)")
    }
    var image = png_image()
    image.version = png_uint_32(PNG_IMAGE_VERSION)
    defer { png_image_free(&image) }

    // libpng keeps pointing into `bytes` between begin and finish, so both run inside one closure.
    let result: Result<Image, ImageFileError> = bytes.withUnsafeBytes { source in
      guard png_image_begin_read_from_memory(&image, source.baseAddress, source.count) != 0 else {
        return .failure(ImageFileError(path: nil, problem: "PNG: \(message(of: &image))"))
      }
      let color = image.format & PNG_FORMAT_FLAG_COLOR != 0
      let alpha = image.format & PNG_FORMAT_FLAG_ALPHA != 0
      let channels = alpha ? 4 : color ? 3 : 1
      let width = Int(image.width), height = Int(image.height)
      let (pixelCount, pixelOverflow) = width.multipliedReportingOverflow(by: height)
      let (byteCount, byteOverflow) = pixelCount.multipliedReportingOverflow(by: channels)
      guard width > 0, height > 0, !pixelOverflow, !byteOverflow, byteCount <= maximumDecodedByteCount else {
        return .failure(ImageFileError(
          path: nil,
          problem: "PNG: \(width)×\(height)×\(channels) image exceeds the decode limit of \(maximumDecodedByteCount) bytes"))
      }
      image.format = pngFormat(channels: channels)
      var pixels = [UInt8](repeating: 0, count: byteCount)
      let finished = pixels.withUnsafeMutableBytes { destination in
        png_image_finish_read(&image, nil, destination.baseAddress, 0, nil)
      }
      guard finished != 0 else {
        return .failure(ImageFileError(path: nil, problem: "PNG: \(message(of: &image))"))
      }
      return .success(Image(width: width, height: height, channels: channels, pixels: pixels))
    }
    return try result.get()
  }

  /// The simplified-API format with 8-bit sRGB samples in this type's channel order.
  private static func pngFormat(channels: Int) -> png_uint_32 {
    // The composite PNG_FORMAT_* macros do not import into Swift; their flags do.
    switch channels {
    case 1: return 0
    case 3: return png_uint_32(PNG_FORMAT_FLAG_COLOR)
    default: return png_uint_32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)
    }
  }

  /// libpng's message for the last failure of `image` (a NUL-terminated `char[64]`).
  private static func message(of image: inout png_image) -> String {
    let text = withUnsafeBytes(of: &image.message) { raw in
      String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
    }
    return text.isEmpty ? "unknown libpng error" : text
  }
}
