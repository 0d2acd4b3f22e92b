/// The statistics batch normalization computed from a batch, for the caller to fold into its
/// running averages.
public struct BatchStatistics {
  /// Per-feature mean, reduced axes kept with extent 1.
  public var mean: Tensor
  /// Per-feature biased variance (divided by the count), reduced axes kept.
  public var variance: Tensor
  /// How many elements each statistic averages (for the unbiased running variance).
  public var count: Int
}

/// Normalizes `x` to zero mean and unit variance along `axes` with the batch's own statistics
/// (Ioffe & Szegedy 2015): (x − μ) / √(σ² + ε). Differentiable through μ and σ², to any order.
/// For (N, C) use axes [0]; for NCHW use [0, 2, 3].
public func batchNormalized(_ x: Tensor, alongAxes axes: [Int], epsilon: Double) -> (output: Tensor, statistics: BatchStatistics) {
  let mean = x.mean(alongAxes: axes, keepingDimensions: true)
  let centered = x - mean
  let variance = centered.squared().mean(alongAxes: axes, keepingDimensions: true)
  let output = centered / sqrt(variance + epsilon)
  let count = axes.reduce(1) { $0 * x.shape[$1 < 0 ? $1 + x.rank : $1] }
  return (output, BatchStatistics(mean: mean.detached, variance: variance.detached, count: count))
}

/// Normalizes with given (running) statistics: (x − mean) / √(variance + ε). The statistics are
/// constants; gradients flow to `x` only.
public func normalized(_ x: Tensor, mean: Tensor, variance: Tensor, epsilon: Double) -> Tensor {
  (x - mean.detached) * (1 / sqrt(variance.detached + epsilon))
}
