import Foundation
import NeuralNetworks
import TensorBackend
import ZooCore

/// What a VAE tells about held-out data: the bound, the importance-weighted estimate of
/// log p(x), and reconstructions. Inference mode (batch norm on running statistics), no
/// gradients recorded; every draw (posterior samples, binarisation) from the generator given.
extension VariationalAutoencoder: LikelihoodModel {
  public var likelihoodSummary: String {
    decoder.likelihoodSummary + (binarizesInputs ? ", inputs binarised as xⱼ ~ Bernoulli(pixel value)" : "")
  }

  public var boundTermNames: [String] { ["negative_elbo", "reconstruction", "kl"] }

  /// −L(x), its reconstruction term (one posterior draw per sample) and the closed-form KL.
  public func negativeBound(of samples: Tensor, using generator: inout SplitMix64) -> [[Double]] {
    withoutGradient {
      var context = ForwardContext(training: false, generator: generator.split())
      let x = observations(of: samples, using: &generator)
      let terms = negativeELBO(of: x, context: &context, using: &generator)
      return [terms.total.scalars, terms.reconstruction.scalars, terms.klDivergence.scalars]
    }
  }

  /// log p(x) ≈ log (1/k) Σᵢ wᵢ with wᵢ = p(x | zᵢ) p(zᵢ) / q(zᵢ | x), zᵢ ~ q(z | x) (Burda et al.
  /// 2016, "Importance Weighted Autoencoders", eq. 8 and section 5.1). The log-weights of each
  /// sample are added in float64 by log-sum-exp, so k = 5,000 weights of e^−100 lose nothing.
  /// Each sample's k latents are decoded `importanceSamplesPerPass` at a time.
  public func importanceWeightedLogLikelihood(of samples: Tensor, importanceSamples k: Int, using generator: inout SplitMix64) -> [Double] {
    precondition(k >= 1, "importanceWeightedLogLikelihood: k must be at least 1, got \(k)")
    return withoutGradient {
      var context = ForwardContext(training: false, generator: generator.split())
      let x = observations(of: samples, using: &generator)
      let posterior = encoder.posterior(of: x, context: &context)
      let logVariance = decoder.currentLogVariance(dtype: x.dtype)
      return (0..<x.shape[0]).map { i in
        let one = i..<(i + 1)
        let observation = x.sliced(alongAxis: 0, one)
        let q = GaussianPosterior(mean: posterior.mean.sliced(alongAxis: 0, one), logVariance: posterior.logVariance.sliced(alongAxis: 0, one))
        var logWeights: [Double] = []
        logWeights.reserveCapacity(k)
        while logWeights.count < k {
          let m = min(importanceSamplesPerPass, k - logWeights.count)
          let epsilon = makeNoise(count: m, dtype: x.dtype, using: &generator)
          let z = q.reparameterized(noise: epsilon)
          let outputs = decoder.outputs(for: z, context: &context)
          let logJoint = GaussianPosterior.standardNormalLogDensity(z)
            - likelihood.negativeLogLikelihood(outputs: outputs, observations: observation, logVariance: logVariance)
          logWeights += (logJoint - q.logDensity(ofNoise: epsilon)).scalars
        }
        return Self.logMeanExp(logWeights)
      }
    }
  }

  /// Each sample encoded to its posterior mean μ and decoded to E[x | z = μ], in the data's range.
  public func reconstructions(of samples: Tensor, using generator: inout SplitMix64) -> Tensor? {
    withoutGradient {
      var context = ForwardContext(training: false, generator: generator.split())
      let x = observations(of: samples, using: &generator)
      let mean = encoder.posterior(of: x, context: &context).mean
      return likelihood.dataValues(of: likelihood.mean(of: decoder.outputs(for: mean, context: &context)))
    }
  }

  /// log((1/k) Σᵢ e^{aᵢ}) = m + log((1/k) Σᵢ e^{aᵢ − m}), m = maxᵢ aᵢ.
  static func logMeanExp(_ values: [Double]) -> Double {
    guard let largest = values.max(), largest.isFinite else { return values.max() ?? -.infinity }
    let sum = values.reduce(0) { $0 + Foundation.exp($1 - largest) }
    return largest + Foundation.log(sum / Double(values.count))
  }
}
