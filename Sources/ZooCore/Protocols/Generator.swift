import NeuralNetworks
import TensorBackend

/// The generator of a generative model: noise z, and for conditional models a condition, to
/// samples x (N, sample shape…) — (N, C, H, W) images or (N, D) points — in the data's value
/// range.
///
/// A generator makes its own noise (`makeNoise`): its shape is the model's business. Callers
/// ask for it with their random generator and hand it back. A `Layer`, so parameters, buffers,
/// checkpoints and dtype conversion come for free; applied as a plain layer it maps noise alone.
public protocol Generator: Layer {
  /// Z, the length of the noise vector (`nz` in the DCGAN code).
  var latentDimension: Int { get }
  /// The shape of one sample, without the batch dimension.
  var sampleShape: [Int] { get }
  /// Noise for `count` samples, drawn from `generator`; z ~ N(0, I) of shape (N, Z) unless the
  /// model says otherwise. A generator that needs more randomness per sample (per-level noise
  /// planes) may also draw from the forward context it is called with.
  func makeNoise(count: Int, using generator: inout SplitMix64) -> Tensor
  /// z [+ condition] -> x (N, sampleShape…).
  func callAsFunction(noise: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor
}

extension Generator {
  public func makeNoise(count: Int, using generator: inout SplitMix64) -> Tensor {
    Tensor.randomNormal([count, latentDimension], using: &generator)
  }

  public func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor {
    self(noise: input, condition: nil, context: &context)
  }
}
