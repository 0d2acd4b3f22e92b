import NeuralNetworks
import TensorBackend
import ZooCore

/// The variational autoencoder of Kingma & Welling 2014 ("Auto-Encoding Variational Bayes",
/// ICLR): a Gaussian encoder q(z | x) = N(μ(x), diag σ²(x)), the prior p(z) = N(0, I), and a
/// decoder p(x | z), trained by maximising the evidence lower bound
///
///   L(x) = E_q(z|x)[log p(x | z)] − KL(q(z | x) ‖ p(z)) ≤ log p(x)
///
/// with the reparameterisation z = μ + σ ⊙ ε, ε ~ N(0, I) (eq. 10), one draw per sample, and the
/// KL in closed form (appendix B). Figures are nats per sample, summed over its scalars.
///
/// Samples enter in the data's range and are read by the decoder's likelihood in its own space
/// (`observations(of:using:)`): images on [0, 1], and with `binarizesInputs` (the protocol of
/// Burda et al. 2016, section 5.1) each pixel drawn afresh as xⱼ ~ Bernoulli(pixel value), so the
/// Bernoulli likelihood is a density of what it reads. The encoder reads the same observations.
public final class VariationalAutoencoder {
  public let encoder: any GaussianEncoder
  public let decoder: VAEDecoder
  /// Whether observations are binarised afresh every time they are read.
  public let binarizesInputs: Bool
  /// How runs estimate this model's log-likelihood.
  public let likelihoodEvaluation: LikelihoodEvaluation
  /// Importance samples decoded at once when estimating log p(x): as many as keep a pass's
  /// activations to tens of megabytes.
  public let importanceSamplesPerPass: Int

  public init(
    encoder: any GaussianEncoder, decoder: VAEDecoder, binarizesInputs: Bool = false,
    likelihoodEvaluation: LikelihoodEvaluation = LikelihoodEvaluation(importanceSamples: 5_000, sampleCount: 1_000),
    importanceSamplesPerPass: Int = 5_000
  ) {
    precondition(encoder.latentDimension == decoder.latentDimension,
                 "VariationalAutoencoder: the encoder's Z \(encoder.latentDimension) differs from the decoder's \(decoder.latentDimension)")
    precondition(!binarizesInputs || decoder.likelihood.kind == .bernoulli, "VariationalAutoencoder: binarised inputs need a Bernoulli likelihood")
    self.encoder = encoder
    self.decoder = decoder
    self.binarizesInputs = binarizesInputs
    self.likelihoodEvaluation = likelihoodEvaluation
    self.importanceSamplesPerPass = max(1, importanceSamplesPerPass)
  }

  /// Z.
  public var latentDimension: Int { encoder.latentDimension }
  /// The likelihood p(x | z) is read with.
  public var likelihood: DecoderLikelihood { decoder.likelihood }

  /// Samples in the data's range → the observations the model reads (the likelihood's space).
  /// When the model binarises its inputs, `uniforms` (of the samples' shape, U[0, 1)) draw each
  /// scalar: xⱼ = 1 if uⱼ < its value, else 0.
  public func observations(of samples: Tensor, uniforms: Tensor?) -> Tensor {
    let x = likelihood.observations(of: samples)
    guard binarizesInputs else { return x }
    guard let uniforms, uniforms.shape == x.shape else {
      preconditionFailure("VariationalAutoencoder: binarising \(x.shape) needs uniform draws of that shape, got \(uniforms?.shape ?? [])")
    }
    return Tensor(shape: x.shape, scalars: zip(x.floats, uniforms.floats).map { $1 < $0 ? Float(1) : 0 })
  }

  /// The same, with the uniforms, if needed, drawn from `generator`.
  public func observations(of samples: Tensor, using generator: inout SplitMix64) -> Tensor {
    observations(of: samples, uniforms: binarizesInputs ? Tensor.randomUniform(samples.shape, using: &generator) : nil)
  }

  /// One pass over observations x (N, sample shape…): q(z | x), z = μ + σ ⊙ ε for the given
  /// ε (N, Z), and the decoder's outputs for z.
  public func callAsFunction(_ x: Tensor, noise epsilon: Tensor, context: inout ForwardContext) -> VAEOutput {
    let posterior = encoder.posterior(of: x, context: &context)
    let z = posterior.reparameterized(noise: epsilon)
    return VAEOutput(reconstruction: decoder.outputs(for: z, context: &context), posterior: posterior, latent: z)
  }

  /// ε ~ N(0, I) for `count` samples, (N, Z).
  public func makeNoise(count: Int, dtype: DType = .float32, using generator: inout SplitMix64) -> Tensor {
    Tensor.randomNormal([count, latentDimension], dtype: dtype, using: &generator)
  }

  /// −L(x) summed over the batch of observations x, by its two terms, for the posterior draws
  /// ε: the training loss of pytorch/examples' `vae` (binary cross-entropy with
  /// `reduction='sum'` plus the KL, summed).
  public func totalNegativeELBO(of x: Tensor, noise epsilon: Tensor, context: inout ForwardContext) -> NegativeELBO {
    let output = self(x, noise: epsilon, context: &context)
    return NegativeELBO(
      reconstruction: likelihood.totalNegativeLogLikelihood(
        outputs: output.reconstruction, observations: x, logVariance: decoder.currentLogVariance(dtype: x.dtype)),
      klDivergence: output.posterior.totalKLDivergence())
  }

  /// −L(x) per sample of observations x, by its two terms, each (N), with ε drawn from
  /// `generator`.
  public func negativeELBO(of x: Tensor, context: inout ForwardContext, using generator: inout SplitMix64) -> NegativeELBO {
    let output = self(x, noise: makeNoise(count: x.shape[0], dtype: x.dtype, using: &generator), context: &context)
    return NegativeELBO(
      reconstruction: likelihood.negativeLogLikelihood(
        outputs: output.reconstruction, observations: x, logVariance: decoder.currentLogVariance(dtype: x.dtype)),
      klDivergence: output.posterior.klDivergence())
  }
}
