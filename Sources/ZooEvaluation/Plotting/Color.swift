/// An opaque 8-bit sRGB colour for plots.
public struct Color: Hashable, Sendable, Codable {
  public var red: UInt8
  public var green: UInt8
  public var blue: UInt8

  public init(red: UInt8, green: UInt8, blue: UInt8) {
    self.red = red
    self.green = green
    self.blue = blue
  }

  public static let white = Color(red: 255, green: 255, blue: 255)
  public static let black = Color(red: 0, green: 0, blue: 0)
  /// Axis lines, ticks and text.
  public static let darkGray = Color(red: 60, green: 60, blue: 60)
  /// Grid lines: visible but quieter than any series.
  public static let lightGray = Color(red: 225, green: 225, blue: 225)

  /// Default series colours, in order: the "Tableau 10" palette (also matplotlib's default
  /// cycle), chosen to stay distinguishable from each other and on white.
  public static let palette: [Color] = [
    Color(red: 31, green: 119, blue: 180),  // blue
    Color(red: 255, green: 127, blue: 14),  // orange
    Color(red: 44, green: 160, blue: 44),  // green
    Color(red: 214, green: 39, blue: 40),  // red
    Color(red: 148, green: 103, blue: 189),  // purple
    Color(red: 140, green: 86, blue: 75),  // brown
    Color(red: 227, green: 119, blue: 194),  // pink
    Color(red: 127, green: 127, blue: 127),  // gray
    Color(red: 188, green: 189, blue: 34),  // olive
    Color(red: 23, green: 190, blue: 207),  // cyan
  ]

  /// The palette colour for series `index`, cycling after ten.
  public static func series(_ index: Int) -> Color { palette[index % palette.count] }

  /// This colour moved `amount` (0…1) of the way towards `other`: lighter shades of one palette
  /// colour tell apart curves of one group.
  public func blended(with other: Color, amount: Double) -> Color {
    let t = min(max(amount, 0), 1)
    func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded()) }
    return Color(red: mix(red, other.red), green: mix(green, other.green), blue: mix(blue, other.blue))
  }

  /// The colour as RGB samples.
  public var samples: [UInt8] { [red, green, blue] }
}
