import TensorBackend

/// One pass of a VAE over a batch x (N, sample shape…): the posterior q(z | x), the latents
/// z = μ + σ ⊙ ε drawn from it, and the decoder's outputs for them, the parameters of p(x | z)
/// (logits for a Bernoulli likelihood): the named results the design's
/// `VAEOutput(reconstruction:mean:logVariance:)` asks for, μ and log σ² inside the posterior.
public struct VAEOutput {
  /// o (N, sample shape…): the decoder's outputs, the likelihood's parameters.
  public var reconstruction: Tensor
  /// q(z | x): μ and log σ² (N, Z).
  public var posterior: GaussianPosterior
  /// z (N, Z).
  public var latent: Tensor

  public init(reconstruction: Tensor, posterior: GaussianPosterior, latent: Tensor) {
    self.reconstruction = reconstruction
    self.posterior = posterior
    self.latent = latent
  }
}
