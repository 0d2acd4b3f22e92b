import ImageFiles

/// An RGB image with the few drawing primitives plots need: pixels, rectangles, lines, discs and
/// bitmap-font text. No anti-aliasing; coordinates are whole pixels, origin top left, y down.
///
/// Drawing outside the image, or outside `clip` when it is set, is silently dropped, so callers
/// can draw shapes that straddle an edge.
public struct Canvas {
  /// The picture so far (3 channels).
  public private(set) var image: Image
  /// When set, only pixels inside this region are drawn.
  public var clip: Region?

  /// An axis-aligned rectangle of pixels.
  public struct Region: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
      self.x = x
      self.y = y
      self.width = width
      self.height = height
    }

    /// Whether pixel (`px`, `py`) lies inside.
    public func contains(x px: Int, y py: Int) -> Bool {
      px >= x && px < x + width && py >= y && py < y + height
    }
  }

  /// A canvas of `width` × `height` pixels filled with `background`.
  public init(width: Int, height: Int, background: Color = .white) {
    precondition(width > 0 && height > 0, "Canvas: size \(width)×\(height) must be positive")
    let pixels = [[UInt8]](repeating: background.samples, count: width * height).flatMap { $0 }
    image = Image(width: width, height: height, channels: 3, pixels: pixels)
  }

  public var width: Int { image.width }
  public var height: Int { image.height }

  /// Paints one pixel, if it is inside the image and the clip region.
  public mutating func setPixel(x: Int, y: Int, color: Color) {
    guard x >= 0, x < image.width, y >= 0, y < image.height else { return }
    if let clip, !clip.contains(x: x, y: y) { return }
    image[x: x, y: y, channel: 0] = color.red
    image[x: x, y: y, channel: 1] = color.green
    image[x: x, y: y, channel: 2] = color.blue
  }

  /// Fills the rectangle with top-left corner (`x`, `y`).
  public mutating func fillRectangle(x: Int, y: Int, width: Int, height: Int, color: Color) {
    guard width > 0, height > 0 else { return }
    for py in y..<y + height {
      for px in x..<x + width { setPixel(x: px, y: py, color: color) }
    }
  }

  /// Draws the 1-pixel outline of the rectangle with top-left corner (`x`, `y`).
  public mutating func strokeRectangle(x: Int, y: Int, width: Int, height: Int, color: Color) {
    guard width > 0, height > 0 else { return }
    fillRectangle(x: x, y: y, width: width, height: 1, color: color)
    fillRectangle(x: x, y: y + height - 1, width: width, height: 1, color: color)
    fillRectangle(x: x, y: y, width: 1, height: height, color: color)
    fillRectangle(x: x + width - 1, y: y, width: 1, height: height, color: color)
  }

  /// Draws a straight line between two pixels (both included) with Bresenham's algorithm; a
  /// `thickness` above 1 stamps a square brush of that size centred on each pixel of the line.
  public mutating func drawLine(fromX x0: Int, fromY y0: Int, toX x1: Int, toY y1: Int, color: Color, thickness: Int = 1) {
    let dx = abs(x1 - x0), dy = -abs(y1 - y0)
    let stepX = x0 < x1 ? 1 : -1, stepY = y0 < y1 ? 1 : -1
    var error = dx + dy
    var x = x0, y = y0
    let offset = (thickness - 1) / 2
    while true {
      if thickness <= 1 {
        setPixel(x: x, y: y, color: color)
      } else {
        fillRectangle(x: x - offset, y: y - offset, width: thickness, height: thickness, color: color)
      }
      if x == x1 && y == y1 { break }
      let doubled = 2 * error
      if doubled >= dy {
        error += dy
        x += stepX
      }
      if doubled <= dx {
        error += dx
        y += stepY
      }
    }
  }

  /// Fills the disc of pixels whose centres lie within `radius` of (`centerX`, `centerY`);
  /// radius 0 is a single pixel.
  public mutating func fillDisc(centerX: Int, centerY: Int, radius: Int, color: Color) {
    // r² + 0.8r ≈ (r + 0.4)²: the slack makes small discs round (r = 2 is a 5×5 block
    // without its corners) where the bare r² would give diamonds.
    let limit = Double(radius) * Double(radius) + Double(radius) * 0.8
    for dy in -radius...radius {
      for dx in -radius...radius where Double(dx * dx + dy * dy) <= limit {
        setPixel(x: centerX + dx, y: centerY + dy, color: color)
      }
    }
  }

  /// Draws `text` left to right with its top-left corner at (`x`, `y`); each font pixel becomes
  /// a `scale` × `scale` block. See `BitmapFont.width(of:scale:)` to measure it first.
  public mutating func drawText(_ text: String, x: Int, y: Int, scale: Int = 1, color: Color = .darkGray) {
    var left = x
    for character in text {
      for row in 0..<BitmapFont.glyphHeight + BitmapFont.descent {
        for column in 0..<BitmapFont.glyphWidth where BitmapFont.isSet(character, column: column, row: row) {
          fillRectangle(x: left + column * scale, y: y + row * scale, width: scale, height: scale, color: color)
        }
      }
      left += (BitmapFont.glyphWidth + BitmapFont.spacing) * scale
    }
  }

  /// Draws `text` rotated a quarter turn counter-clockwise, reading bottom to top, with the
  /// bottom-left corner of its first glyph at (`x`, `y`): how a y-axis label is written.
  public mutating func drawVerticalText(_ text: String, x: Int, y: Int, scale: Int = 1, color: Color = .darkGray) {
    var bottom = y
    for character in text {
      for row in 0..<BitmapFont.glyphHeight + BitmapFont.descent {
        for column in 0..<BitmapFont.glyphWidth where BitmapFont.isSet(character, column: column, row: row) {
          // Rotating counter-clockwise: glyph column runs up the image, glyph row runs right.
          fillRectangle(x: x + row * scale, y: bottom - (column + 1) * scale, width: scale, height: scale, color: color)
        }
      }
      bottom -= (BitmapFont.glyphWidth + BitmapFont.spacing) * scale
    }
  }
}
