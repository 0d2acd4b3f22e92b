import Datasets
import Foundation
import TensorBackend

/// Reads the factors of images of `Shapes` (class, position, scale, rotation, colour): the
/// colour measured on the image, the rest read off the nearest real shapes. No network is
/// trained: what the estimate can tell is limited by how densely the references cover the
/// factors (`check` measures it on fresh real shapes).
///
/// The search compares silhouettes, not pixels: each image's brightest channel per pixel,
/// divided by its largest value (the shape's coverage of the pixel, 0 on the black background,
/// 1 inside), so that neighbours agree on outline, place and size whatever their colour; in raw
/// pixels the colour dominates the distance and the nearest shapes of a cyan square are cyan
/// shapes of any class. The colour is Σ pixels / Σ silhouette over the image, per channel (the
/// fill colour, as a pixel is coverage × colour), one value repeated for grey images, as
/// `Shapes` draws grey.
///
/// For k neighbours with factors f₁…f_k: the class by majority (ties to the nearer); position
/// and scale by their mean; the rotation, for the voted class, by the circular mean of the
/// n-fold angles n·θ of the neighbours of that class, n the shape's rotational symmetry (square
/// and cross 4, triangle 3, star 5; a circle has no rotation).
public struct ShapeFactorEstimator {
  /// What one image is estimated to show.
  public struct Estimate: Sendable, Equatable {
    public var kind: Shapes.Kind
    public var centerX: Double
    public var centerY: Double
    public var scale: Double
    /// n·θ on [0, 2π), `nil` for a circle.
    public var foldedRotation: Double?
    /// Red, green, blue on [0, 1].
    public var color: [Double]
  }

  public let shapes: Shapes
  /// The real shapes' silhouettes and their factors.
  public let references: FeatureMatrix
  public let factors: [Shapes.Factors]
  /// Neighbours per estimate.
  public let k: Int

  /// Draws `referenceCount` real shapes from `seed`.
  public init(shapes: Shapes, referenceCount: Int = 20_000, k: Int = 5, seed: UInt64) throws {
    precondition(referenceCount > k && k >= 1, "ShapeFactorEstimator: \(referenceCount) references for k = \(k)")
    var random = SplitMix64(seed: seed)
    let sample = shapes.sample(count: referenceCount, using: &random)
    self.shapes = shapes
    self.k = k
    factors = sample.factors
    references = try FeatureMatrix(Self.silhouettes(sample.images).silhouettes, name: "real shapes")
  }

  /// n, the rotational symmetry of `kind`; `nil` for the circle.
  public static func symmetry(of kind: Shapes.Kind) -> Int? {
    switch kind {
    case .circle: return nil
    case .square, .cross: return 4
    case .triangle: return 3
    case .star: return 5
    }
  }

  /// n·θ reduced to [0, 2π).
  static func folded(_ rotation: Double, kind: Shapes.Kind) -> Double? {
    symmetry(of: kind).map { n in
      let angle = (Double(n) * rotation).truncatingRemainder(dividingBy: 2 * .pi)
      return angle < 0 ? angle + 2 * .pi : angle
    }
  }

  /// The estimates for `images` (M, C, H, W) on [−1, 1], of the shapes' size and channels.
  ///
  /// - Throws: `MetricError.dimensionMismatch` for images of another size or channel count.
  public func estimate(_ images: Tensor, progress: ((Int, Int) -> Void)? = nil) throws -> [Estimate] {
    let (silhouettes, colors) = Self.silhouettes(images)
    let queries = try FeatureMatrix(silhouettes, name: "images")
    let found = try NearestNeighbours(references: references).search(queries, k: k, progress: progress)
    return (0..<queries.count).map { row in
      let neighbours = found.neighbours(of: row).map { factors[$0.index] }
      var votes = [Int](repeating: 0, count: Shapes.classCount)
      for neighbour in neighbours { votes[neighbour.kind.rawValue] += 1 }
      let most = votes.max()!
      let kind = neighbours.first { votes[$0.kind.rawValue] == most }!.kind
      func mean(_ value: (Shapes.Factors) -> Double) -> Double { neighbours.map(value).reduce(0, +) / Double(neighbours.count) }
      let sameKind = neighbours.filter { $0.kind == kind }
      let rotation = Self.symmetry(of: kind).map { _ in
        Self.circularMean(sameKind.compactMap { Self.folded($0.rotation, kind: kind) })
      }
      return Estimate(
        kind: kind, centerX: mean(\.centerX), centerY: mean(\.centerY), scale: mean(\.scale), foldedRotation: rotation, color: colors[row])
    }
  }

  /// How well the estimates recover the factors of `count` fresh real shapes: the share of
  /// classes right and the mean absolute errors of position and scale (fractions of the side).
  public func check(count: Int, seed: UInt64) throws -> (classAccuracy: Double, positionError: Double, scaleError: Double) {
    var random = SplitMix64(seed: seed)
    let sample = shapes.sample(count: count, using: &random)
    let estimates = try estimate(sample.images)
    let n = Double(count)
    let accuracy = Double(zip(estimates, sample.factors).filter { $0.kind == $1.kind }.count) / n
    let position = zip(estimates, sample.factors).reduce(0) { $0 + (abs($1.0.centerX - $1.1.centerX) + abs($1.0.centerY - $1.1.centerY)) / 2 } / n
    let scale = zip(estimates, sample.factors).reduce(0) { $0 + abs($1.0.scale - $1.1.scale) } / n
    return (accuracy, position, scale)
  }

  /// The angle of the mean of unit vectors at `angles`; 0 for none.
  static func circularMean(_ angles: [Double]) -> Double {
    let x = angles.reduce(0) { $0 + cos($1) }, y = angles.reduce(0) { $0 + sin($1) }
    let angle = atan2(y, x)
    return angle < 0 ? angle + 2 * .pi : angle
  }

  /// 1 − |mean of unit vectors at `angles`|: 0 when all agree, near 1 when spread evenly.
  static func circularVariance(_ angles: [Double]) -> Double {
    guard angles.contains(where: { $0 != angles[0] }) else { return 0 }
    let x = angles.reduce(0) { $0 + cos($1) }, y = angles.reduce(0) { $0 + sin($1) }
    return max(0, 1 - (x * x + y * y).squareRoot() / Double(angles.count))
  }

  /// Images (M, C, H, W) on [−1, 1] as silhouettes (M, H·W): per pixel the largest channel on
  /// [0, 1] over the image's largest (all 0 for a black image); and each image's colour, three
  /// values on [0, 1] (Σ pixels / Σ silhouette per channel; a grey image's one value thrice).
  static func silhouettes(_ images: Tensor) -> (silhouettes: Tensor, colors: [[Double]]) {
    let m = images.shape[0], channels = images.shape[1], plane = images.scalarCount / max(1, m * channels)
    let values = images.floats
    var silhouettes = [Float](repeating: 0, count: m * plane)
    var colors: [[Double]] = []
    colors.reserveCapacity(m)
    for image in 0..<m {
      let base = image * channels * plane
      var brightest: Float = 0
      for p in 0..<plane {
        var value: Float = 0
        for c in 0..<channels { value = max(value, (values[base + c * plane + p] + 1) / 2) }
        silhouettes[image * plane + p] = value
        brightest = max(brightest, value)
      }
      var coverage = 0.0
      if brightest > 0 {
        for p in 0..<plane {
          silhouettes[image * plane + p] /= brightest
          coverage += Double(silhouettes[image * plane + p])
        }
      }
      let color = (0..<channels).map { c -> Double in
        guard coverage > 0 else { return 0 }
        var sum = 0.0
        for p in 0..<plane { sum += Double(max(0, (values[base + c * plane + p] + 1) / 2)) }
        return min(1, sum / coverage)
      }
      colors.append(channels == 1 ? [color[0], color[0], color[0]] : Array(color.prefix(3)))
    }
    return (Tensor(shape: [m, plane], scalars: silhouettes), colors)
  }
}
