import Dispatch
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
  ///
  /// A pixel whose center lies more than 0.75 pixels from the outline (farther than its corners
  /// reach) is wholly inside or outside; only pixels on the outline are supersampled.
  public func render(_ factors: Factors, into destination: UnsafeMutableBufferPointer<Float>) {
    precondition(destination.count == channels * size * size, "Shapes.render: destination holds \(destination.count) values, needs \(channels * size * size)")
    let plane = size * size
    for i in 0..<destination.count { destination[i] = -1 }
    let side = Double(size), s = supersampling
    let cosine = cos(factors.rotation), sine = sin(factors.rotation)
    let centerX = factors.centerX * side, centerY = factors.centerY * side, radius = factors.scale * side
    // Pixel offsets from the center → the shape's frame: undo the rotation, flip y to point up,
    // unit circumradius.
    let inverseRadius = 1 / radius
    func local(_ dx: Double, _ dy: Double) -> (Double, Double) {
      ((dx * cosine + dy * sine) * inverseRadius, -(-dx * sine + dy * cosine) * inverseRadius)
    }
    let outline = Outline(kind: factors.kind)
    let xs = max(0, Int((centerX - radius).rounded(.down)) - 1)...min(size - 1, Int((centerX + radius).rounded(.up)) + 1)
    let ys = max(0, Int((centerY - radius).rounded(.down)) - 1)...min(size - 1, Int((centerY + radius).rounded(.up)) + 1)
    let colors = (0..<channels).map { Float(channels == 1 ? factors.color[0] : factors.color[$0]) }
    let margin = 0.75 * inverseRadius
    for y in ys {
      for x in xs {
        let (px, py) = local(Double(x) + 0.5 - centerX, Double(y) + 0.5 - centerY)
        let (inside, distance) = outline.locate(x: px, y: py)
        let coverage: Float
        if distance > margin {
          guard inside else { continue }
          coverage = 1
        } else {
          var hits = 0
          for j in 0..<s {
            let dy = Double(y) + (Double(j) + 0.5) / Double(s) - centerY
            for i in 0..<s {
              let (qx, qy) = local(Double(x) + (Double(i) + 0.5) / Double(s) - centerX, dy)
              if outline.contains(x: qx, y: qy) { hits += 1 }
            }
          }
          guard hits > 0 else { continue }
          coverage = Float(hits) / Float(s * s)
        }
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

  /// `count` samples, factors drawn from `generator` one sample after another (then drawn into
  /// pixels in parallel: the pixels depend on the factors only).
  public func sample(count: Int, using generator: inout some RandomNumberGenerator) -> Sample {
    precondition(count >= 0, "Shapes.sample: negative count \(count)")
    let factors = (0..<count).map { _ in drawFactors(using: &generator) }
    let sampleSize = channels * size * size
    var values = [Float](repeating: -1, count: count * sampleSize)
    values.withUnsafeMutableBufferPointer { buffer in
      let base = SendablePointer(buffer.baseAddress!)
      let workers = min(count, 8)
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        for index in stride(from: worker, to: count, by: workers) {
          render(factors[index], into: UnsafeMutableBufferPointer(start: base.pointer + index * sampleSize, count: sampleSize))
        }
      }
    }
    return Sample(
      images: Tensor(shape: [count] + sampleShape, scalars: values),
      labels: Tensor(shape: [count], scalars: factors.map { Double($0.kind.rawValue) }),
      factors: factors)
  }

  /// Whether (x, y), in a frame where the shape's circumradius is 1 and y points up, lies inside.
  static func contains(_ kind: Kind, x: Double, y: Double) -> Bool {
    Outline(kind: kind).contains(x: x, y: y)
  }

  /// A shape's outline in its own frame (circumradius 1, y up): the unit circle, or a polygon.
  struct Outline {
    let kind: Kind
    let vertices: [(Double, Double)]
    /// Per edge (from vertex i − 1 to i): dx/dy, for the crossing test without a division
    /// (horizontal edges never cross a horizontal ray, so their entry is unused).
    let inverseSlopes: [Double]

    init(kind: Kind) {
      self.kind = kind
      vertices = Self.polygons[kind] ?? []
      inverseSlopes = vertices.indices.map { [vertices] i in
        let (xi, yi) = vertices[i], (xj, yj) = vertices[(i + vertices.count - 1) % vertices.count]
        return yi == yj ? 0 : (xj - xi) / (yj - yi)
      }
    }

    /// The polygons: a square with its corners on the circle; an equilateral triangle pointing
    /// up; a five-pointed star (inner radius 0.45); a plus sign of arms 0.6 wide whose outer
    /// corners lie on the circle.
    static let polygons: [Kind: [(Double, Double)]] = {
      let h = 0.707_106_781_186_547_6  // 1/√2
      let w = 0.3, l = 0.953_939_201_416_945_6  // √(1 − 0.3²)
      return [
        .square: [(h, h), (-h, h), (-h, -h), (h, -h)],
        .triangle: [(0, 1), (-0.866_025_403_784_438_6, -0.5), (0.866_025_403_784_438_6, -0.5)],
        .star: (0..<10).map { k in
          let angle = Double.pi / 2 + Double(k) * Double.pi / 5, r = k % 2 == 0 ? 1.0 : 0.45
          return (r * cos(angle), r * sin(angle))
        },
        .cross: [(w, l), (w, w), (l, w), (l, -w), (w, -w), (w, -l), (-w, -l), (-w, -w), (-l, -w), (-l, w), (-w, w), (-w, l)],
      ]
    }()

    /// Even-odd rule: a ray to the right crosses the outline an odd number of times.
    func contains(x: Double, y: Double) -> Bool {
      if kind == .circle { return x * x + y * y <= 1 }
      var result = false
      var j = vertices.count - 1
      for i in vertices.indices {
        let (xi, yi) = vertices[i], yj = vertices[j].1
        if (yi > y) != (yj > y), x < inverseSlopes[i] * (y - yi) + xi { result.toggle() }
        j = i
      }
      return result
    }

    /// Inside or not, and the distance to the outline (in the shape's frame).
    func locate(x: Double, y: Double) -> (inside: Bool, distance: Double) {
      if kind == .circle {
        let r = (x * x + y * y).squareRoot()
        return (r <= 1, abs(r - 1))
      }
      var nearest = Double.infinity
      var j = vertices.count - 1
      for i in vertices.indices {
        let (ax, ay) = vertices[j], (bx, by) = vertices[i]
        let ex = bx - ax, ey = by - ay
        let t = min(max(((x - ax) * ex + (y - ay) * ey) / (ex * ex + ey * ey), 0), 1)
        let dx = x - ax - t * ex, dy = y - ay - t * ey
        nearest = min(nearest, dx * dx + dy * dy)
        j = i
      }
      return (contains(x: x, y: y), nearest.squareRoot())
    }
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

  /// A pointer that may cross into concurrent workers, each writing its own disjoint range.
  private struct SendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    init(_ pointer: UnsafeMutablePointer<Float>) { self.pointer = pointer }
  }
}
