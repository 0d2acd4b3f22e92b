import TensorBackend

/// Batch normalization (Ioffe & Szegedy 2015) with PyTorch's `BatchNorm1d`/`BatchNorm2d`
/// semantics: y = γ·(x − μ)/√(σ² + ε) + β per feature (channel) C.
///
/// Accepts (N, C), (N, C, L) or NCHW (N, C, H, W); statistics are taken over every axis except
/// the channel axis 1.
/// - Training: μ and σ² are the batch's own (σ² biased, divided by the count n; over every
///   process's rows when the context names a process group: synchronized batch norm), and the running
///   averages move by `momentum`: r ← (1 − m)·r + m·s, with the running variance fed the
///   unbiased σ²·n/(n − 1), as PyTorch does.
/// - Inference: the running averages replace the batch statistics.
///
/// Parameters "weight" (γ, C) and "bias" (β, C) when `affine`; buffers "running_mean" (C,
/// starts at 0) and "running_var" (C, starts at 1).
public final class BatchNorm: ActivationFusing {
  public let featureCount: Int
  /// ε under the square root. PyTorch's default is 1e-5; PyTorch-GAN's MLP generator passes 0.8
  /// as the positional `eps` of `BatchNorm1d(out_feat, 0.8)`, a quirk its results depend on.
  public let epsilon: Double
  /// The weight m of the newest batch in the running averages (PyTorch's default 0.1).
  public let momentum: Double
  /// γ, or `nil` without affine transform.
  public let scale: Parameter?
  /// β, or `nil` without affine transform.
  public let offset: Parameter?
  public let runningMean: Buffer
  public let runningVariance: Buffer

  /// - Parameters:
  ///   - featureCount: C, the number of channels (features).
  ///   - affine: whether to learn γ (starting at 1) and β (starting at 0).
  public init(featureCount: Int, epsilon: Double = 1e-5, momentum: Double = 0.1, affine: Bool = true, dtype: DType = .float32) {
    precondition(featureCount > 0, "BatchNorm: featureCount must be positive, got \(featureCount)")
    precondition(momentum >= 0 && momentum <= 1, "BatchNorm: momentum \(momentum) outside [0, 1]")
    self.featureCount = featureCount
    self.epsilon = epsilon
    self.momentum = momentum
    scale = affine ? Parameter(.ones([featureCount], dtype: dtype)) : nil
    offset = affine ? Parameter(.zeros([featureCount], dtype: dtype)) : nil
    runningMean = Buffer(.zeros([featureCount], dtype: dtype))
    runningVariance = Buffer(.ones([featureCount], dtype: dtype))
  }

  public var ownParameters: [(name: String, parameter: Parameter)] {
    guard let scale, let offset else { return [] }
    return [("weight", scale), ("bias", offset)]
  }

  public var ownBuffers: [(name: String, buffer: Buffer)] {
    [("running_mean", runningMean), ("running_var", runningVariance)]
  }

  public func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor {
    self(input, activation: .none, context: &context)
  }

  /// act(BatchNorm(x)): the activation joins the affine step's pass over memory.
  public func callAsFunction(_ input: Tensor, activation: FusedActivation, context: inout ForwardContext) -> Tensor {
    precondition(input.rank >= 2 && input.shape[1] == featureCount, "BatchNorm: expects (N, \(featureCount), …), got shape \(input.shape)")
    if context.training {
      let axes = [0] + Array(2..<input.rank)
      let (output, statistics) = context.processGroup.flatMap { $0.size > 1 ? $0 : nil }.map { group in
        synchronizedBatchNormalized(input, alongAxes: axes, epsilon: epsilon, group: group)
      } ?? batchNormalized(input, alongAxes: axes, epsilon: epsilon)
      precondition(statistics.count > 1, "BatchNorm: training needs more than one value per channel, got input shape \(input.shape)")
      updateRunningStatistics(statistics)
      guard let scale, let offset else { return activation.apply(output) }
      return channelAffine(output, scale: scale.value, shift: offset.value, activation: activation)
    }
    // Inference: (x − μ)/√(σ² + ε)·γ + β = x·s + t with s = γ/√(σ² + ε) and t = β − μ·s, per
    // channel: one pass over x.
    let inverse = 1 / sqrt(runningVariance.value.detached + epsilon)
    let s = scale.map { $0.value * inverse } ?? inverse
    let t = (offset.map { $0.value } ?? Tensor.zeros([featureCount], dtype: input.dtype)) - runningMean.value.detached * s
    return channelAffine(input, scale: s, shift: t, activation: activation)
  }

  private func updateRunningStatistics(_ statistics: BatchStatistics) {
    withoutGradient {
      let n = Double(statistics.count)
      let mean = statistics.mean.reshaped(to: [featureCount]).converted(to: runningMean.dtype)
      let unbiased = statistics.variance.reshaped(to: [featureCount]).converted(to: runningVariance.dtype) * (n / (n - 1))
      runningMean.value = runningMean.value * (1 - momentum) + mean * momentum
      runningVariance.value = runningVariance.value * (1 - momentum) + unbiased * momentum
    }
  }
}
