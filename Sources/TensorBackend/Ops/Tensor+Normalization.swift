import _CKernels

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
    if T.self == Float.self && Kernels.fast {
      let xp = x.storage.typed(Float.self), yp = output.storage.typed(Float.self)
      let mp = mean.storage.typed(Float.self), vp = variance.storage.typed(Float.self), ip = invstd.storage.typed(Float.self)
      Parallel.forEachRange(c, work: 3 * x.scalarCount) { _, channels in
        ck_batch_norm_forward(xp, yp, n, c, inner, channels.lowerBound, channels.upperBound, Float(epsilon), mp, vp, ip)
      }
      return
    }
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
      if T.self == Float.self && Kernels.fast {
        let gp = g.storage.typed(Float.self), xp = output.storage.typed(Float.self), dp = dx.storage.typed(Float.self)
        let ip = invstd.storage.typed(Float.self), sp = UnsafeMutableRawPointer(scratch).assumingMemoryBound(to: Float.self)
        Parallel.forEachRange(c, work: 3 * x.scalarCount) { _, channels in
          ck_batch_norm_backward(gp, xp, dp, n, c, inner, channels.lowerBound, channels.upperBound, ip, sp)
        }
        return
      }
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

/// y = act(x·scale[c] + shift[c]) per channel c of x (N, C, …), scale and shift of shape (C) or
/// nil (1 and 0): batch normalization's affine step (with the activation after it), and with
/// running statistics folded into scale and shift, all of batch normalization at inference. One
/// pass over x; the backward pass gives ā = ȳ times the activation's slope (read off y), then
/// x̄ = ā·scale[c], scalē[c] = Σ ā·x and shift̄[c] = Σ ā over every axis but the channel axis.
public func channelAffine(_ x: Tensor, scale: Tensor?, shift: Tensor?, activation: FusedActivation = .none) -> Tensor {
  precondition(x.rank >= 2, "channelAffine: expects (N, C, …), got shape \(x.shape)")
  let c = x.shape[1], n = x.shape[0], inner = x.shape[2...].reduce(1, *)
  for (name, vector) in [("scale", scale), ("shift", shift)] {
    guard let vector else { continue }
    precondition(vector.shape == [c], "channelAffine: \(name) has shape \(vector.shape), expected (\(c)) for input \(x.shape)")
    precondition(vector.dtype == x.dtype, "channelAffine: input is \(x.dtype), \(name) is \(vector.dtype)")
  }
  var statisticShape = [Int](repeating: 1, count: x.rank)
  statisticShape[1] = c
  guard x.dtype == .float32, Kernels.fast, activation.isFusable else {
    var y = x
    if let scale { y = y * scale.reshaped(to: statisticShape) }
    if let shift { y = y + shift.reshaped(to: statisticShape) }
    return activation.apply(y)
  }
  let slope = activation.slope
  let result = Tensor(uninitializedShape: x.shape, dtype: .float32)
  let xp = x.storage.typed(Float.self), yp = result.storage.typed(Float.self)
  let sp = scale.map { UnsafePointer($0.storage.typed(Float.self)) }, tp = shift.map { UnsafePointer($0.storage.typed(Float.self)) }
  Parallel.forEachRange(n, work: 2 * x.scalarCount) { _, rows in
    let offset = rows.lowerBound * c * inner
    if inner == 1 {
      ck_row_affine(xp + offset, sp, tp, yp + offset, rows.count, c, slope)
    } else {
      ck_channel_affine(xp + offset, sp, tp, yp + offset, rows.count, c, inner, slope)
    }
  }
  let inputs = [x] + (scale.map { [$0] } ?? []) + (shift.map { [$0] } ?? [])
  return Tensor.record(result, op: "channelAffine", inputs: inputs) { g in
    let wantScale = scale?.requiresGradient ?? false, wantShift = shift?.requiresGradient ?? false
    var gradients: [Tensor?] = []
    if GradientMode.isRecording {
      let a = activation == .none ? g : g * result.detached.map(LeakyStep.self, Double(slope))
      let axes = [0] + Array(2..<x.rank)
      gradients.append(x.requiresGradient ? (scale.map { a * $0.reshaped(to: statisticShape) } ?? a) : nil)
      if scale != nil { gradients.append(wantScale ? (a * x).sum(alongAxes: axes) : nil) }
      if shift != nil { gradients.append(wantShift ? a.sum(alongAxes: axes) : nil) }
      return gradients
    }
    let a = activation == .none ? g : Tensor.fusedBackward(g, result, { g, y, dy, count in ck_leaky_relu_backward(g, y, dy, count, slope) })!
    let ap = a.storage.typed(Float.self)
    if x.requiresGradient {
      if let sp {
        let dx = Tensor(uninitializedShape: x.shape, dtype: .float32)
        let dp = dx.storage.typed(Float.self)
        Parallel.forEachRange(n, work: 2 * x.scalarCount) { _, rows in
          let offset = rows.lowerBound * c * inner
          if inner == 1 {
            ck_row_affine(ap + offset, sp, nil, dp + offset, rows.count, c, 1)
          } else {
            ck_channel_affine(ap + offset, sp, nil, dp + offset, rows.count, c, inner, 1)
          }
        }
        gradients.append(dx)
      } else {
        gradients.append(a)
      }
    } else {
      gradients.append(nil)
    }
    let dScale = wantScale ? Tensor(uninitializedShape: [c], dtype: .float32) : nil
    let dShift = wantShift ? Tensor(uninitializedShape: [c], dtype: .float32) : nil
    if dScale != nil || dShift != nil {
      let ds = dScale?.storage.typed(Float.self), dt = dShift?.storage.typed(Float.self)
      Parallel.forEachRange(c, work: 2 * x.scalarCount) { _, channels in
        ck_channel_sums(ap, xp, dt, ds, n, c, inner, channels.lowerBound, channels.upperBound)
      }
    }
    if scale != nil { gradients.append(dScale) }
    if shift != nil { gradients.append(dShift) }
    return gradients
  }
}
