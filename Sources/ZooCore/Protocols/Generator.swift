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
  /// The part of `noise` (N, …) a latent walk moves, as (N, L) coordinates: the whole noise
  /// vector (L = Z) unless the model says otherwise. A composite generator whose noise also holds
  /// what a walk should keep still (LAPGAN's per-level noise planes besides its coarsest latent)
  /// returns the walked part alone, so that interpolations and traversals of the coarsest latent
  /// hold the rest fixed.
  func walkedLatent(of noise: Tensor) -> Tensor
  /// `noise` (N, …) with its walked part replaced by `latent` (N, L), everything else as it was.
  func replacingWalkedLatent(of noise: Tensor, with latent: Tensor) -> Tensor
}

extension Generator {
  public func makeNoise(count: Int, using generator: inout SplitMix64) -> Tensor {
    Tensor.randomNormal([count, latentDimension], using: &generator)
  }

  public func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor {
    self(noise: input, condition: nil, context: &context)
  }

  /// Every value of a sample's noise, flattened: (N, ∏ noise shape).
  public func walkedLatent(of noise: Tensor) -> Tensor {
    noise.rank == 2 ? noise : noise.reshaped(to: [noise.shape[0], -1])
  }

  /// `latent` in the noise's own shape.
  public func replacingWalkedLatent(of noise: Tensor, with latent: Tensor) -> Tensor {
    precondition(latent.scalarCount == noise.scalarCount, "replacingWalkedLatent: latent \(latent.shape) does not fill noise \(noise.shape)")
    return latent.shape == noise.shape ? latent : latent.reshaped(to: noise.shape)
  }
}
