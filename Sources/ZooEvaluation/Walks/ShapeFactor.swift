import Datasets

/// A factor `Shapes` draws its images from, and how much a set of images varies in it.
///
/// The variation of a set (the frames of one traversal, or the real data) in each factor:
///
/// - `shape`: the Gini impurity of the classes, 1 − Σ_k p_k² (the chance two images differ);
/// - `x`, `y`, `scale`: the (population) variance;
/// - `rotation`: the circular variance of the n-fold angles n·θ, 1 − |mean e^{i n θ}|, over
///   the images that are not circles (so a square turned by 90° has not turned);
/// - `colour`: the sum of the variances of red, green and blue.
public enum ShapeFactor: String, CaseIterable, Codable, Sendable {
  case shape, x, y, scale, rotation, colour

  /// The variation of `estimates` in every factor, in `allCases` order.
  public static func variation(of estimates: [ShapeFactorEstimator.Estimate]) -> [Double] {
    guard !estimates.isEmpty else { return allCases.map { _ in 0 } }
    let n = Double(estimates.count)
    func variance(_ values: [Double]) -> Double {
      // Exactly 0 for a constant factor (a coordinate that moves nothing), not the rounding of its mean.
      guard values.contains(where: { $0 != values[0] }) else { return 0 }
      let mean = values.reduce(0, +) / Double(values.count)
      return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
    }
    var counts = [Double](repeating: 0, count: Shapes.classCount)
    for estimate in estimates { counts[estimate.kind.rawValue] += 1 }
    let gini = 1 - counts.reduce(0) { $0 + ($1 / n) * ($1 / n) }
    return allCases.map { factor in
      switch factor {
      case .shape: return gini
      case .x: return variance(estimates.map(\.centerX))
      case .y: return variance(estimates.map(\.centerY))
      case .scale: return variance(estimates.map(\.scale))
      case .rotation: return ShapeFactorEstimator.circularVariance(estimates.compactMap(\.foldedRotation))
      case .colour: return (0..<3).reduce(0) { sum, c in sum + variance(estimates.map { $0.color[c] }) }
      }
    }
  }

  /// The factors of real shapes as estimates (their true values), to measure the data's own
  /// variation.
  public static func truth(_ factors: Shapes.Factors) -> ShapeFactorEstimator.Estimate {
    ShapeFactorEstimator.Estimate(
      kind: factors.kind, centerX: factors.centerX, centerY: factors.centerY, scale: factors.scale,
      foldedRotation: ShapeFactorEstimator.folded(factors.rotation, kind: factors.kind), color: factors.color)
  }
}
