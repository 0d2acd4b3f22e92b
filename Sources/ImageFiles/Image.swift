/// A raster image of 8-bit samples: gray, RGB or RGBA, stored interleaved and row-major.
///
/// The sample of channel `c` at column `x`, row `y` (origin top left) lives at
/// `pixels[(y * width + x) * channels + c]`. Channel counts mean:
///
/// | channels | layout | PNG colour type |
/// |---|---|---|
/// | 1 | gray | 0 (grayscale) |
/// | 3 | R, G, B | 2 (truecolour) |
/// | 4 | R, G, B, A (straight, not premultiplied, alpha) | 6 (truecolour with alpha) |
///
/// Colour samples are sRGB-encoded, as in an ordinary 8-bit PNG. This type knows nothing about
/// tensors: turning an (N, C, H, W) batch into an image is the evaluation layer's job.
public struct Image: Hashable, Sendable {
  /// Columns.
  public let width: Int
  /// Rows.
  public let height: Int
  /// Samples per pixel: 1 (gray), 3 (RGB) or 4 (RGBA).
  public let channels: Int
  /// All samples, row-major, channels interleaved; `width * height * channels` of them.
  public private(set) var pixels: [UInt8]

  /// The channel counts an image may have.
  public static let supportedChannelCounts: Set<Int> = [1, 3, 4]

  /// An image holding `pixels` (row-major, interleaved).
  public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
    Image.validate(width: width, height: height, channels: channels)
    precondition(
      pixels.count == width * height * channels,
      "Image(width: \(width), height: \(height), channels: \(channels)): needs \(width * height * channels) samples, got \(pixels.count)")
    self.width = width
    self.height = height
    self.channels = channels
    self.pixels = pixels
  }

  /// An image whose every sample is `value`.
  public init(width: Int, height: Int, channels: Int, repeating value: UInt8 = 0) {
    Image.validate(width: width, height: height, channels: channels)
    self.init(
      width: width, height: height, channels: channels,
      pixels: [UInt8](repeating: value, count: width * height * channels))
  }

  /// The sample of `channel` at column `x`, row `y`.
  public subscript(x x: Int, y y: Int, channel channel: Int) -> UInt8 {
    get { pixels[index(x: x, y: y, channel: channel)] }
    set { pixels[index(x: x, y: y, channel: channel)] = newValue }
  }

  /// All channels of the pixel at column `x`, row `y`.
  public func pixel(x: Int, y: Int) -> [UInt8] {
    let start = index(x: x, y: y, channel: 0)
    return Array(pixels[start..<start + channels])
  }

  /// Sets all channels of the pixel at column `x`, row `y`; `value` has `channels` samples.
  public mutating func setPixel(x: Int, y: Int, to value: [UInt8]) {
    precondition(value.count == channels, "Image.setPixel: \(value.count) samples for a \(channels)-channel image")
    let start = index(x: x, y: y, channel: 0)
    for c in 0..<channels { pixels[start + c] = value[c] }
  }

  private func index(x: Int, y: Int, channel: Int) -> Int {
    precondition(
      x >= 0 && x < width && y >= 0 && y < height && channel >= 0 && channel < channels,
      "Image: (x: \(x), y: \(y), channel: \(channel)) outside \(width)×\(height)×\(channels)")
    return (y * width + x) * channels + channel
  }

  private static func validate(width: Int, height: Int, channels: Int) {
    precondition(width >= 0 && height >= 0, "Image: negative size \(width)×\(height)")
    precondition(supportedChannelCounts.contains(channels), "Image: \(channels) channels; supported are 1, 3 and 4")
  }
}

extension Image: CustomStringConvertible {
  public var description: String {
    let layout = [1: "gray", 3: "RGB", 4: "RGBA"][channels] ?? "\(channels) channels"
    return "Image(\(width)×\(height), \(layout))"
  }
}
