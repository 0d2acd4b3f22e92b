import TensorBackend

/// q(z | x) = N(μ(x), diag σ²(x)), what a VAE's encoder emits (Kingma & Welling 2014, "Auto-
/// Encoding Variational Bayes", section 3 and appendix C.2): the means μ and log-variances
/// log σ², each (N, Z), by name.
///
/// The encoder emits log σ² rather than σ: any real number is a valid log-variance, and
/// σ = exp(½ log σ²) needs neither a square root nor a positivity constraint.
public struct GaussianPosterior {
  /// μ (N, Z).
  public var mean: Tensor
  /// log σ² (N, Z).
  public var logVariance: Tensor

  public init(mean: Tensor, logVariance: Tensor) {
    precondition(mean.rank == 2 && mean.shape == logVariance.shape,
                 "GaussianPosterior: mean \(mean.shape) and log-variance \(logVariance.shape) must both be (N, Z)")
    self.mean = mean
    self.logVariance = logVariance
  }

  /// Z.
  public var latentDimension: Int { mean.shape[1] }

  /// z = μ + exp(½ log σ²) ⊙ ε for ε ~ N(0, I) drawn by the caller: the reparameterisation
  /// (Kingma & Welling 2014, eq. 10), differentiable in μ and log σ² because ε is not. (N, Z), or
  /// (M, Z) for M draws of the posterior of one sample (μ and log σ² of shape (1, Z) broadcast
  /// over ε's rows).
  public func reparameterized(noise epsilon: Tensor) -> Tensor {
    mean + exp(logVariance * 0.5) * epsilon
  }

  /// KL(q(z | x) ‖ N(0, I)) per sample in closed form, −½ Σⱼ (1 + log σⱼ² − μⱼ² − σⱼ²)
  /// (appendix B), (N).
  public func klDivergence() -> Tensor {
    (1 + logVariance - mean.squared() - exp(logVariance)).sum(alongAxes: [1]) * -0.5
  }

  /// The same KL summed over the batch, as one scalar (the backend's closed form).
  public func totalKLDivergence() -> Tensor {
    gaussianKLDivergence(mean: mean, logVariance: logVariance, reduction: .sum)
  }

  /// log q(z | x) of z = μ + σ ⊙ ε, from ε: Σⱼ log N(zⱼ; μⱼ, σⱼ²) = −½ Σⱼ (log 2π + log σⱼ² + εⱼ²),
  /// one value per row of ε (N or M).
  public func logDensity(ofNoise epsilon: Tensor) -> Tensor {
    (epsilon.squared() + logVariance).sum(alongAxes: [1]) * -0.5 - 0.5 * Double(latentDimension) * Self.logTwoPi
  }

  /// log p(z) under the prior N(0, I), −½ Σⱼ (log 2π + zⱼ²), one value per row of z (N, Z).
  public static func standardNormalLogDensity(_ z: Tensor) -> Tensor {
    z.squared().sum(alongAxes: [1]) * -0.5 - 0.5 * Double(z.shape[1]) * logTwoPi
  }

  /// log 2π.
  static let logTwoPi = 1.8378770664093453
}
