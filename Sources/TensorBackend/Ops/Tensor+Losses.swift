import _CKernels

// Losses. Each returns a rank-0 tensor.

/// How a loss folds its per-element terms.
public enum Reduction: String, Sendable, Codable {
  case mean
  case sum
}

extension Tensor {
  func reduced(_ reduction: Reduction) -> Tensor {
    reduction == .mean ? mean() : sum()
  }
}

/// Binary cross-entropy between sigmoid(logits) and targets in [0, 1]:
/// softplus(x) − t·x, which equals −t·log σ(x) − (1 − t)·log(1 − σ(x)) but never evaluates a
/// logarithm of 0 or an exponential that overflows, so it stays finite for |x| of any size.
///
/// On float32 with the fast kernels, one pass forward (the sum) and one backward
/// (x̄ = ḡ·(σ(x) − t), divided by the count for `.mean`), unless the backward pass is recorded.
public func binaryCrossEntropy(logits: Tensor, targets: Tensor, reduction: Reduction = .mean) -> Tensor {
  precondition(logits.shape == targets.shape, "binaryCrossEntropy: logits have shape \(logits.shape), targets \(targets.shape)")
  guard logits.dtype == .float32, targets.dtype == .float32, Kernels.fast, logits.scalarCount > 0 else {
    return (softplus(logits) - targets * logits).reduced(reduction)
  }
  let n = logits.scalarCount, x = logits.storage.typed(Float.self), t = targets.storage.typed(Float.self)
  let divisor = reduction == .mean ? Double(n) : 1
  // Per-worker partial sums, added in worker order.
  var partials = [Double](repeating: 0, count: Parallel.workers)
  partials.withUnsafeMutableBufferPointer { partials in
    Parallel.forEachRange(n, work: 8 * n) { worker, range in
      partials[worker] = ck_bce_logits_sum(x + range.lowerBound, t + range.lowerBound, range.count)
    }
  }
  let value = Tensor(partials.reduce(0, +) / divisor, dtype: .float32)
  return Tensor.record(value, op: "binaryCrossEntropy", inputs: [logits, targets]) { g in
    if GradientMode.isRecording {
      return [logits.requiresGradient ? g * (sigmoid(logits) - targets) * (1 / divisor) : nil,
              targets.requiresGradient ? g * (-logits) * (1 / divisor) : nil]
    }
    var dx: Tensor?
    if logits.requiresGradient {
      let result = Tensor(uninitializedShape: logits.shape, dtype: .float32)
      let d = result.storage.typed(Float.self), scale = Float(g.scalar / divisor)
      Kernels.forEachSlice(n, streams: 3) { start, count in ck_bce_logits_backward(x + start, t + start, d + start, count, scale) }
      dx = result
    }
    return [dx, targets.requiresGradient ? g * (-logits) * (1 / divisor) : nil]
  }
}

/// Binary cross-entropy on probabilities (PyTorch's `BCELoss`): −t·log p − (1 − t)·log(1 − p),
/// with each logarithm clamped at −100 as PyTorch does. Prefer the logits form.
public func binaryCrossEntropy(probabilities p: Tensor, targets t: Tensor, reduction: Reduction = .mean) -> Tensor {
  precondition(p.shape == t.shape, "binaryCrossEntropy: probabilities have shape \(p.shape), targets \(t.shape)")
  let logP = clampedLog(p), logQ = clampedLog(1 - p)
  return (-(t * logP + (1 - t) * logQ)).reduced(reduction)
}

enum ClampedLog: UnaryFunction {
  @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { Swift.max(T.log(x), -100) }
}
enum ClampedLogSlope: UnaryFunction {
  @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { T.log(x) > -100 ? 1 / x : 0 }
}

/// max(log x, −100).
func clampedLog(_ x: Tensor) -> Tensor {
  Tensor.record(x.map(ClampedLog.self), op: "clampedLog", inputs: [x]) { g in [g * x.map(ClampedLogSlope.self)] }
}

/// Mean (or summed) squared error.
public func meanSquaredError(predictions: Tensor, targets: Tensor, reduction: Reduction = .mean) -> Tensor {
  precondition(predictions.shape == targets.shape, "meanSquaredError: predictions have shape \(predictions.shape), targets \(targets.shape)")
  return (predictions - targets).squared().reduced(reduction)
}

/// KL(N(μ, σ²) ‖ N(0, 1)) in closed form (Kingma & Welling 2014, appendix B):
/// −½ Σ (1 + log σ² − μ² − σ²). `.sum` adds over every element; `.mean` divides that by the
/// batch size N (the first dimension), giving the per-example KL.
public func gaussianKLDivergence(mean: Tensor, logVariance: Tensor, reduction: Reduction = .sum) -> Tensor {
  precondition(mean.shape == logVariance.shape, "gaussianKLDivergence: mean has shape \(mean.shape), log-variance \(logVariance.shape)")
  let total = ((1 + logVariance - mean.squared() - exp(logVariance)).sum()) * -0.5
  return reduction == .sum ? total : total * (1 / Double(max(mean.shape.first ?? 1, 1)))
}
