import NeuralNetworks
import TensorBackend

/// The discriminator (or critic) of a GAN: samples x (N, sample shape…) [+ condition] to raw
/// scores (N, 1). Objectives decide how to read them (a logit for the logistic losses, a critic
/// value for the Wasserstein loss).
public protocol Discriminator: Layer {
  /// x (N, …) [+ condition] -> logits (N, 1).
  func callAsFunction(_ x: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor
}

extension Discriminator {
  public func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor {
    self(input, condition: nil, context: &context)
  }
}
