import TensorBackend

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Procedural images of colored shapes — circles, squares, triangles, stars and crosses — at
/// random positions, sizes, rotations and colors on a black background: a labelled image
/// dataset made on the fly, with no files, whose generating factors are known exactly.
///
/// Each sample keeps its `Factors` (class, center, scale, rotation, color) so tools can relate a
/// model's latent directions to them. Edges are anti-aliased by supersampling: a pixel's value is
/// the fraction of its s × s sub-pixel centers inside the shape. Everything is drawn from the
/// generator passed in, so a seed fixes the data.
public struct Shapes: Sendable {
  /// The shape classes; the raw value is the label.
  public enum Kind: Int, CaseIterable, Codable, Sendable {
    case circle, square, triangle, star, cross

    public var name: String { "\(self)" }
  }

  /// What one sample was drawn from.
  public struct Factors: Codable, Equatable, Sendable {
    /// The class.
    public var kind: Kind
    /// The center, as fractions of the width and height (0 left/top, 1 right/bottom).
    public var centerX: Double
    public var centerY: Double
    /// The radius of the circle through the shape's outer corners, as a fraction of the side.
    public var scale: Double
    /// Radians, clockwise on screen; at 0 a triangle or star points up and a square is axis-aligned.
    public var rotation: Double
    /// Red, green, blue in [0, 1] (three equal values for gray images).
    public var color: [Double]

    public init(kind: Kind, centerX: Double, centerY: Double, scale: Double, rotation: Double, color: [Double]) {
      self.kind = kind
      self.centerX = centerX
      self.centerY = centerY
      self.scale = scale
      self.rotation = rotation
      self.color = color
    }
  }

  /// Images of `size` × `size` pixels.
  public let size: Int
  /// 3 (RGB) or 1 (gray).
  public let channels: Int
  /// s: s × s sub-pixel samples per pixel.
  public let supersampling: Int

  /// The range `scale` is drawn from: enclosing circles 40–80 % of the image across, so the
  /// smallest triangle still spans a quarter of a 32-pixel image; the shape always lies wholly
  /// inside the image.
  public static let scaleRange = 0.2...0.4

  public init(size: Int = 32, channels: Int = 3, supersampling: Int = 4) {
    precondition(size >= 4 && size <= 1024, "Shapes: size \(size) outside 4...1024")
    precondition(channels == 1 || channels == 3, "Shapes: channels must be 1 or 3, got \(channels)")
    precondition(supersampling >= 1 && supersampling <= 16, "Shapes: supersampling \(supersampling) outside 1...16")
    self.size = size
    self.channels = channels
    self.supersampling = supersampling
  }

  /// [C, H, W].
  public var sampleShape: [Int] { [channels, size, size] }
  /// K.
  public static var classCount: Int { Kind.allCases.count }

  /// Draws one sample's factors: class uniform, scale uniform in `scaleRange`, center uniform
  /// where the shape fits, rotation uniform in [0, 2π), color a random hue at saturation
  /// 0.5–1 and value 0.6–1 (gray images: a level in 0.4–1).
  public func drawFactors(using generator: inout some RandomNumberGenerator) -> Factors {
    // Eight draws in a fixed order, whatever the outcome, so the stream is fixed by this file.
    let u = (0..<8).map { _ in generator.nextUnitInterval() }
    let kind = Kind(rawValue: min(Int(u[0] * Double(Self.classCount)), Self.classCount - 1))!
    let scale = Self.scaleRange.lowerBound + u[1] * (Self.scaleRange.upperBound - Self.scaleRange.lowerBound)
    let centerX = scale + u[2] * (1 - 2 * scale), centerY = scale + u[3] * (1 - 2 * scale)
    let rotation = 2 * Double.pi * u[4]
    let color: [Double]
    if channels == 1 {
      let level = 0.4 + 0.6 * u[5]
      color = [level, level, level]
    } else {
      color = Self.rgb(hue: u[5], saturation: 0.5 + 0.5 * u[6], value: 0.6 + 0.4 * u[7])
    }
    return Factors(kind: kind, centerX: centerX, centerY: centerY, scale: scale, rotation: rotation, color: color)
  }

  /// One sample drawn as C × H × W values in [−1, 1] (−1 is the black background).
  public func render(_ factors: Factors) -> [Float] {
    var values = [Float](repeating: -1, count: channels * size * size)
    values.withUnsafeMutableBufferPointer { render(factors, into: $0) }
    return values
  }

  /// Draws one sample into `destination` (C·H·W values, planar), overwriting it.
  public func render(_ factors: Factors, into destination: UnsafeMutableBufferPointer<Float>) {
    precondition(destination.count == channels * size * size, "Shapes.render: destination holds \(destination.count) values, needs \(channels * size * size)")
    let plane = size * size
    for i in 0..<destination.count { destination[i] = -1 }
    let side = Double(size), s = supersampling
    let cosine = cos(factors.rotation), sine = sin(factors.rotation)
    let inverseScale = 1 / factors.scale
    let centerX = factors.centerX * side, centerY = factors.centerY * side, radius = factors.scale * side
    let xs = max(0, Int((centerX - radius).rounded(.down)) - 1)...min(size - 1, Int((centerX + radius).rounded(.up)) + 1)
    let ys = max(0, Int((centerY - radius).rounded(.down)) - 1)...min(size - 1, Int((centerY + radius).rounded(.up)) + 1)
    let colors = (0..<channels).map { Float(channels == 1 ? factors.color[0] : factors.color[$0]) }
    for y in ys {
      for x in xs {
        var inside = 0
        for j in 0..<s {
          let v = (Double(y) + (Double(j) + 0.5) / Double(s) - centerY) / side
          for i in 0..<s {
            let u = (Double(x) + (Double(i) + 0.5) / Double(s) - centerX) / side
            // Into the shape's frame: undo the rotation, flip y to point up, unit circumradius.
            let localX = (u * cosine + v * sine) * inverseScale
            let localY = -(-u * sine + v * cosine) * inverseScale
            if Self.contains(factors.kind, x: localX, y: localY) { inside += 1 }
          }
        }
        guard inside > 0 else { continue }
        let coverage = Float(inside) / Float(s * s)
        for c in 0..<channels {
          destination[c * plane + y * size + x] = 2 * coverage * colors[c] - 1
        }
      }
    }
  }

  /// A batch: N samples drawn in turn.
  public struct Sample {
    /// (N, C, H, W) in [−1, 1].
    public let images: Tensor
    /// (N): each sample's class.
    public let labels: Tensor
    /// Each sample's factors.
    public let factors: [Factors]
  }

  /// `count` samples, factors drawn from `generator` one sample after another.
  public func sample(count: Int, using generator: inout some RandomNumberGenerator) -> Sample {
    precondition(count >= 0, "Shapes.sample: negative count \(count)")
    let factors = (0..<count).map { _ in drawFactors(using: &generator) }
    let sampleSize = channels * size * size
    var values = [Float](repeating: -1, count: count * sampleSize)
    values.withUnsafeMutableBufferPointer { buffer in
      for (index, f) in factors.enumerated() {
        render(f, into: UnsafeMutableBufferPointer(rebasing: buffer[(index * sampleSize)..<((index + 1) * sampleSize)]))
      }
    }
    return Sample(
      images: Tensor(shape: [count] + sampleShape, scalars: values),
      labels: Tensor(shape: [count], scalars: factors.map { Double($0.kind.rawValue) }),
      factors: factors)
  }

  /// Whether (x, y), in a frame where the shape's circumradius is 1 and y points up, lies inside.
  static func contains(_ kind: Kind, x: Double, y: Double) -> Bool {
    switch kind {
    case .circle:
      return x * x + y * y <= 1
    case .square:
      // Corners on the unit circle: half side 1/√2.
      return abs(x) <= 0.707_106_781_186_547_6 && abs(y) <= 0.707_106_781_186_547_6
    case .triangle:
      // Equilateral, vertices at 90°, 210°, 330°: above y = −1/2 and below the two slanted edges.
      return y >= -0.5 && 1.732_050_807_568_877_2 * x + y <= 1 && -1.732_050_807_568_877_2 * x + y <= 1
    case .star:
      return inside(polygon: starVertices, x: x, y: y)
    case .cross:
      // A plus sign of arms 0.6 wide whose outer corners lie on the unit circle.
      let halfWidth = 0.3, reach = 0.953_939_201_416_945_6  // √(1 − 0.3²)
      return (abs(x) <= halfWidth && abs(y) <= reach) || (abs(y) <= halfWidth && abs(x) <= reach)
    }
  }

  /// A five-pointed star pointing up: outer radius 1, inner radius 0.45.
  static let starVertices: [(Double, Double)] = (0..<10).map { k in
    let angle = Double.pi / 2 + Double(k) * Double.pi / 5
    let radius = k % 2 == 0 ? 1.0 : 0.45
    return (radius * cos(angle), radius * sin(angle))
  }

  /// Even-odd rule: a ray to the right crosses the boundary an odd number of times.
  static func inside(polygon: [(Double, Double)], x: Double, y: Double) -> Bool {
    var result = false
    var j = polygon.count - 1
    for i in polygon.indices {
      let (xi, yi) = polygon[i], (xj, yj) = polygon[j]
      if (yi > y) != (yj > y), x < (xj - xi) * (y - yi) / (yj - yi) + xi { result.toggle() }
      j = i
    }
    return result
  }

  /// HSV → RGB, all in [0, 1].
  static func rgb(hue: Double, saturation: Double, value: Double) -> [Double] {
    let h = (hue - hue.rounded(.down)) * 6
    let sector = min(Int(h), 5), f = h - Double(sector)
    let p = value * (1 - saturation), q = value * (1 - saturation * f), t = value * (1 - saturation * (1 - f))
    switch sector {
    case 0: return [value, t, p]
    case 1: return [q, value, p]
    case 2: return [p, value, t]
    case 3: return [p, q, value]
    case 4: return [t, p, value]
    default: return [value, p, q]
    }
  }
}
