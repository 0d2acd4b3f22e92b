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
/// (Ioffe & Szegedy 2015): x̂ = (x − μ) / √(σ² + ε), σ² the biased batch variance.
/// For (N, C) use axes [0]; for NCHW use [0, 2, 3].
///
/// Those two layouts run on fused kernels: one forward, one backward,
/// dx = (g − mean(g) − x̂·mean(g·x̂)) / √(σ² + ε). When the backward pass is itself recorded
/// (second derivatives), the same gradient is built from differentiable ops instead.
public func batchNormalized(_ x: Tensor, alongAxes axes: [Int], epsilon: Double) -> (output: Tensor, statistics: BatchStatistics) {
  let axes = x.normalized(axes: axes, op: "batchNormalized")
  let count = axes.reduce(1) { $0 * x.shape[$1] }
  let fused = x.rank >= 2 && axes == [0] + Array(2..<x.rank)
  guard fused else {
    let mean = x.mean(alongAxes: axes, keepingDimensions: true)
    let centered = x - mean
    let variance = centered.squared().mean(alongAxes: axes, keepingDimensions: true)
    let output = centered / sqrt(variance + epsilon)
    return (output, BatchStatistics(mean: mean.detached, variance: variance.detached, count: count))
  }
  let n = x.shape[0], c = x.shape[1], inner = x.shape[2...].reduce(1, *)
  var statisticsShape = [Int](repeating: 1, count: x.rank)
  statisticsShape[1] = c
  let output = Tensor(uninitializedShape: x.shape, dtype: x.dtype)
  let mean = Tensor(uninitializedShape: statisticsShape, dtype: x.dtype)
  let variance = Tensor(uninitializedShape: statisticsShape, dtype: x.dtype)
  let invstd = Tensor(uninitializedShape: statisticsShape, dtype: x.dtype)
  func forward<T: KernelScalar>(_: T.Type) {
    Kernels.batchNormForward(
      x.storage.typed(T.self), output.storage.typed(T.self), n: n, c: c, inner: inner, epsilon: T(epsilon),
      mean: mean.storage.typed(T.self), variance: variance.storage.typed(T.self), invstd: invstd.storage.typed(T.self))
  }
  switch x.dtype {
  case .float32: forward(Float.self)
  case .float64: forward(Double.self)
  }
  let recorded = Tensor.record(output, op: "batchNorm", inputs: [x]) { g in
    if GradientMode.isEnabled {
      // Recorded backward: the same formula from differentiable ops, x̂ recomputed from x.
      let m = x.mean(alongAxes: axes, keepingDimensions: true)
      let centered = x - m
      let inverse = 1 / sqrt(centered.squared().mean(alongAxes: axes, keepingDimensions: true) + epsilon)
      let xHat = centered * inverse
      let meanG = g.mean(alongAxes: axes, keepingDimensions: true)
      let meanGX = (g * xHat).mean(alongAxes: axes, keepingDimensions: true)
      return [(g - meanG - xHat * meanGX) * inverse]
    }
    let dx = Tensor(uninitializedShape: x.shape, dtype: x.dtype)
    func backward<T: KernelScalar>(_: T.Type) {
      let scratch = UnsafeMutablePointer<T>.allocate(capacity: 2 * c)
      defer { scratch.deallocate() }
      Kernels.batchNormBackward(
        g.storage.typed(T.self), output.storage.typed(T.self), dx.storage.typed(T.self),
        n: n, c: c, inner: inner, invstd: invstd.storage.typed(T.self), scratch: scratch)
    }
    switch x.dtype {
    case .float32: backward(Float.self)
    case .float64: backward(Double.self)
    }
    return [dx]
  }
  return (recorded, BatchStatistics(mean: mean, variance: variance, count: count))
}

/// Normalizes with given (running) statistics: (x − mean) / √(variance + ε). The statistics are
/// constants; gradients flow to `x` only.
public func normalized(_ x: Tensor, mean: Tensor, variance: Tensor, epsilon: Double) -> Tensor {
  (x - mean.detached) * (1 / sqrt(variance.detached + epsilon))
}
