import TensorBackend
@testable import ZooEvaluation

/// Seeded feature sets and brute-force references for the metric tests.
enum MetricTestData {
  /// N rows of D independent N(mean, σ²) coordinates.
  static func gaussian(
    _ count: Int, _ dimension: Int, mean: Double = 0, standardDeviation: Double = 1, seed: UInt64,
    dtype: DType = .float64, name: String = "features"
  ) throws -> FeatureMatrix {
    var generator = SplitMix64(seed: seed)
    let values = Tensor.randomNormal([count, dimension], mean: mean, standardDeviation: standardDeviation, dtype: dtype, using: &generator)
    return try FeatureMatrix(values, name: name)
  }

  /// Features from literal rows.
  static func rows(_ rows: [[Double]], name: String = "features") throws -> FeatureMatrix {
    try FeatureMatrix(rows: rows, name: name)
  }

  /// ‖xᵢ − yⱼ‖² by the definition, N × M.
  static func squaredDistances(_ x: FeatureMatrix, _ y: FeatureMatrix) -> [[Double]] {
    let a = (0..<x.count).map { x.row($0) }, b = (0..<y.count).map { y.row($0) }
    return a.map { p in b.map { q in zip(p, q).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } } }
  }
}
