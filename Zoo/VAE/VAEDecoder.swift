import Foundation
import NeuralNetworks
import TensorBackend
import ZooCore

/// A VAE's decoder p(x | z) as the zoo's `Generator`: a network from z (N, Z) to the
/// likelihood's parameters o (N, sample shape…), read by a `DecoderLikelihood`. As a generator it
/// maps z to samples in the data's range, so snapshots, `zoo sample`, the classifier judge and
/// every metric take them as they take a GAN's: E[x | z] by default (pytorch/examples saves
/// `decode(z)`, the Bernoulli means), or x ~ p(x | z) with `drawsObservationNoise`, its noise
/// drawn from the forward context's generator (images are then clamped to their range).
///
/// Noise z ~ N(0, I) of shape (N, Z), the prior (`makeNoise`'s default). Tensor names: the
/// network's under "network." and a learned log-variance as "log_variance".
public final class VAEDecoder: Generator {
  /// z (N, Z) → o (N, sample shape…).
  public let network: any Generator
  public let likelihood: DecoderLikelihood
  /// log σ² of a Gaussian likelihood learned per scalar (sample shape); `nil` when fixed.
  public let logVariance: Parameter?
  /// σ² of a Gaussian likelihood with fixed variance (the learned one's starting value).
  public let fixedVariance: Double
  /// Whether samples are drawn from p(x | z) rather than taken as its mean.
  public let drawsObservationNoise: Bool

  /// - Parameters:
  ///   - network: z → the likelihood's parameters, with a linear output (logits or means).
  ///   - variance: σ² of a Gaussian likelihood, fixed or (with `learnsVariance`) the starting
  ///     value of the learned one.
  public init(network: any Generator, likelihood: DecoderLikelihood, variance: Double = 1, learnsVariance: Bool = false, drawsObservationNoise: Bool = false) {
    precondition(variance > 0, "VAEDecoder: the variance must be positive, got \(variance)")
    self.network = network
    self.likelihood = likelihood
    fixedVariance = variance
    logVariance = likelihood.kind == .gaussian && learnsVariance
      ? Parameter(Tensor(repeating: Foundation.log(variance), shape: network.sampleShape)) : nil
    self.drawsObservationNoise = drawsObservationNoise
  }

  public var latentDimension: Int { network.latentDimension }
  public var sampleShape: [Int] { network.sampleShape }
  public var ownParameters: [(name: String, parameter: Parameter)] { logVariance.map { [("log_variance", $0)] } ?? [] }
  public var sublayers: [(name: String, layer: any Layer)] { [("network", network)] }

  /// log σ² as the likelihood reads it: the learned tensor, a fixed scalar of `dtype`, or `nil`
  /// (Bernoulli).
  public func currentLogVariance(dtype: DType) -> Tensor? {
    guard likelihood.kind == .gaussian else { return nil }
    return logVariance?.value ?? Tensor(Foundation.log(fixedVariance), dtype: dtype)
  }

  /// A line for reports: the likelihood and its variance.
  public var likelihoodSummary: String {
    likelihood.summary(variance: logVariance != nil ? "learned variance" : "variance \(fixedVariance)")
  }

  /// The likelihood's parameters o (N, sample shape…) for latents z (N, Z).
  public func outputs(for z: Tensor, context: inout ForwardContext) -> Tensor {
    network(noise: z, condition: nil, context: &context)
  }

  /// z (N, Z) → samples (N, sample shape…) in the data's range. The condition is ignored.
  public func callAsFunction(noise: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    let outputs = self.outputs(for: noise, context: &context)
    let mean = likelihood.mean(of: outputs)
    guard drawsObservationNoise else { return likelihood.dataValues(of: mean) }
    switch likelihood.kind {
    case .bernoulli:
      let drawn = mean.scalars.map { context.generator.nextUnitInterval() < $0 ? 1.0 : 0.0 }
      return likelihood.dataValues(of: Tensor(shape: mean.shape, scalars: drawn, dtype: mean.dtype))
    case .gaussian:
      let epsilon = Tensor.randomNormal(mean.shape, dtype: mean.dtype, using: &context.generator)
      let drawn = mean + exp(currentLogVariance(dtype: mean.dtype)! * 0.5) * epsilon
      guard likelihood.readsImages else { return drawn }
      // min(max(x, 0), 1) = relu(x) − relu(x − 1): clamped to [0, 1], differentiable inside.
      return likelihood.dataValues(of: relu(drawn) - relu(drawn - 1))
    }
  }
}
