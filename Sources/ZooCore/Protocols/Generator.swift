import NeuralNetworks
import TensorBackend

/// The generator of a GAN: noise z (N, Z), and for conditional models a condition, to samples
/// x (N, sample shape…) — (N, C, H, W) images or (N, D) points — in the data's value range.
///
/// A `Layer`, so parameters, buffers, checkpoints and dtype conversion come for free; applied as a
/// plain layer it maps noise alone.
public protocol Generator: Layer {
  /// Z, the length of the noise vector (`nz` in the DCGAN code).
  var latentDimension: Int { get }
  /// The shape of one sample, without the batch dimension.
  var sampleShape: [Int] { get }
  /// z (N, Z) [+ condition] -> x (N, sampleShape…).
  func callAsFunction(noise: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor
}

extension Generator {
  public func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor {
    self(noise: input, condition: nil, context: &context)
  }
}
