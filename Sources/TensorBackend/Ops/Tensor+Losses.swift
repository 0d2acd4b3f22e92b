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
public func binaryCrossEntropy(logits: Tensor, targets: Tensor, reduction: Reduction = .mean) -> Tensor {
  precondition(logits.shape == targets.shape, "binaryCrossEntropy: logits have shape \(logits.shape), targets \(targets.shape)")
  return (softplus(logits) - targets * logits).reduced(reduction)
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
