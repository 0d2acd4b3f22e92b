import Datasets
import Foundation
import TensorBackend

/// Reads the factors of images of `Shapes` (class, position, scale, rotation, colour) off the
/// nearest real shapes: a fixed draw of real shapes whose factors are known, searched exactly in
/// pixel space (`NearestNeighbours`), each image given the factors its k nearest real shapes
/// agree on. No network is trained: what the estimate can tell is limited by how densely the
/// references cover the factors (`check` measures it on fresh real shapes).
///
/// For k neighbours with factors f₁…f_k: the class by majority (ties to the nearer); position,
/// scale and colour by their mean; the rotation, for the voted class, by the circular mean of
/// the n-fold angles n·θ of the neighbours of that class, n the shape's rotational symmetry
/// (square and cross 4, triangle 3, star 5; a circle has no rotation).
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
  /// The real shapes' pixels on [0, 1] and their factors.
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
    references = try FeatureMatrix(Self.pixels(sample.images), name: "real shapes")
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
    let queries = try FeatureMatrix(Self.pixels(images), name: "images")
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
        kind: kind, centerX: mean(\.centerX), centerY: mean(\.centerY), scale: mean(\.scale), foldedRotation: rotation,
        color: (0..<3).map { c in mean { $0.color[c] } })
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
    guard !angles.isEmpty else { return 0 }
    let x = angles.reduce(0) { $0 + cos($1) }, y = angles.reduce(0) { $0 + sin($1) }
    return max(0, 1 - (x * x + y * y).squareRoot() / Double(angles.count))
  }

  /// Images on [−1, 1] as flattened pixels on [0, 1].
  static func pixels(_ images: Tensor) -> Tensor {
    ((images + 1) * 0.5).reshaped(to: [images.shape[0], -1])
  }
}
