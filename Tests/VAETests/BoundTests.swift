import Foundation
import NeuralNetworks
import TensorBackend
import Testing
import VAE
import VanillaGAN
import ZooCore

/// A VAE of linear networks on D-dimensional points (no hidden layers): the encoder's one dense
/// layer emits μ and log σ², the decoder's one dense layer emits the likelihood's parameters.
/// Weights are set by name: "model.0.weight" (2Z, D) and "model.0.bias" for the encoder,
/// "network.model.0.weight" (D, Z) and "network.model.0.bias" for the decoder.
func linearVAE(
  dimension: Int, latent: Int, likelihood: DecoderLikelihood, variance: Double = 1, dtype: DType = .float64,
  encoder encoderWeights: (weight: [Double], bias: [Double]), decoder decoderWeights: (weight: [Double], bias: [Double])
) throws -> VariationalAutoencoder {
  var rng = SplitMix64(seed: 0)
  let shape = [dimension]
  let encoder = MultilayerEncoder(sampleShape: shape, hiddenWidths: [], latentDimension: latent, negativeSlope: 0, using: &rng)
  let network = MultilayerGenerator(latentDimension: latent, hiddenWidths: [], sampleShape: shape, negativeSlope: 0, tanhOutput: false, using: &rng)
  let decoder = VAEDecoder(network: network, likelihood: likelihood, variance: variance)
  encoder.convert(to: dtype)
  decoder.convert(to: dtype)
  try encoder.importState([
    "model.0.weight": Tensor(shape: [2 * latent, dimension], scalars: encoderWeights.weight, dtype: dtype),
    "model.0.bias": Tensor(shape: [2 * latent], scalars: encoderWeights.bias, dtype: dtype),
  ])
  try decoder.importState([
    "network.model.0.weight": Tensor(shape: [dimension, latent], scalars: decoderWeights.weight, dtype: dtype),
    "network.model.0.bias": Tensor(shape: [dimension], scalars: decoderWeights.bias, dtype: dtype),
  ])
  return VariationalAutoencoder(encoder: encoder, decoder: decoder)
}

/// y = A x + c for a row-major A (rows × x.count).
func affine(_ a: [Double], _ x: [Double], _ c: [Double]) -> [Double] {
  c.indices.map { row in c[row] + x.indices.reduce(0) { $0 + a[row * x.count + $1] * x[$1] } }
}

func softplus(_ x: Double) -> Double { max(x, 0) + log1p(exp(-abs(x))) }

let logTwoPi = log(2 * Double.pi)

@Suite struct BoundTests {
  /// KL(N(μ, σ²) ‖ N(0, 1)) = ½ Σⱼ (σⱼ² + μⱼ² − 1 − log σⱼ²), per sample and summed.
  @Test func klDivergenceMatchesTheClosedForm() {
    let mean: [Double] = [0.5, -1, 0, 2, 0.3, -0.7], sigma: [Double] = [1, 0.5, 2, 0.1, 1.5, 0.8]
    let posterior = GaussianPosterior(
      mean: Tensor(shape: [2, 3], scalars: mean, dtype: .float64),
      logVariance: Tensor(shape: [2, 3], scalars: sigma.map { log($0 * $0) }, dtype: .float64))
    let expected = (0..<2).map { row in
      (0..<3).reduce(0.0) { total, j in
        let i = row * 3 + j
        return total + 0.5 * (sigma[i] * sigma[i] + mean[i] * mean[i] - 1 - log(sigma[i] * sigma[i]))
      }
    }
    let perSample = posterior.klDivergence().scalars
    for (actual, value) in zip(perSample, expected) {
      #expect(abs(actual - value) <= 1e-12, "KL \(actual), closed form \(value), tolerance 1e-12")
    }
    #expect(abs(posterior.totalKLDivergence().scalar - expected.reduce(0, +)) <= 1e-12)
    // The prior itself is 0 away.
    let prior = GaussianPosterior(mean: .zeros([1, 4], dtype: .float64), logVariance: .zeros([1, 4], dtype: .float64))
    #expect(prior.klDivergence().scalars == [0])
  }

  /// −ELBO per sample and summed equals the hand computation with the same ε: z = μ + σ ⊙ ε,
  /// a Gaussian reconstruction ½ Σ (log 2π σ² + (x − o)²/σ²) on points and a Bernoulli one
  /// Σ softplus(o) − x·o on images read as (v + 1)/2, plus the closed-form KL.
  @Test(arguments: [DecoderLikelihood.Kind.gaussian, .bernoulli])
  func negativeELBOMatchesTheHandComputation(kind: DecoderLikelihood.Kind) throws {
    let (d, z) = (3, 2)
    let encoderWeight: [Double] = [0.2, -0.1, 0.4, 0.3, 0.5, -0.2, -0.3, 0.1, 0.2, 0.1, -0.4, 0.3]
    let encoderBias: [Double] = [0.1, -0.2, -0.5, 0.3]
    let decoderWeight: [Double] = [0.7, -0.3, 0.2, 0.9, -0.5, 0.4], decoderBias: [Double] = [0.05, -0.1, 0.2]
    let variance = 0.3
    let model = try linearVAE(
      dimension: d, latent: z, likelihood: DecoderLikelihood(kind: kind, readsImages: kind == .bernoulli), variance: variance,
      encoder: (encoderWeight, encoderBias), decoder: (decoderWeight, decoderBias))
    let samples: [Double] = [0.5, -0.25, 0.75, -1, 0, 1]
    var drawn = SplitMix64(seed: 9)
    let epsilon = Tensor.randomNormal([2, z], dtype: .float64, using: &drawn).scalars

    var expectedReconstruction: [Double] = [], expectedKL: [Double] = []
    for row in 0..<2 {
      let x = Array(samples[row * d..<(row + 1) * d])
      let observed = kind == .bernoulli ? x.map { ($0 + 1) / 2 } : x
      let h = affine(encoderWeight, observed, encoderBias)
      let mean = Array(h[0..<z]), logVariance = Array(h[z...])
      let latent = (0..<z).map { mean[$0] + exp(0.5 * logVariance[$0]) * epsilon[row * z + $0] }
      let o = affine(decoderWeight, latent, decoderBias)
      var reconstruction = 0.0, kl = 0.0
      for j in 0..<d {
        let residual: Double = observed[j] - o[j]
        let gaussian: Double = 0.5 * (logTwoPi + Foundation.log(variance) + residual * residual / variance)
        reconstruction += kind == .bernoulli ? softplus(o[j]) - observed[j] * o[j] : gaussian
      }
      for k in 0..<z {
        let term: Double = 1 + logVariance[k] - mean[k] * mean[k] - Foundation.exp(logVariance[k])
        kl -= 0.5 * term
      }
      expectedReconstruction.append(reconstruction)
      expectedKL.append(kl)
    }

    let x = Tensor(shape: [2, d], scalars: samples, dtype: .float64)
    var context = ForwardContext.inference
    var generator = SplitMix64(seed: 9)
    let observations = model.observations(of: x, using: &generator)
    generator = SplitMix64(seed: 9)
    let perSample = model.negativeELBO(of: observations, context: &context, using: &generator)
    let total = model.totalNegativeELBO(of: observations, noise: Tensor(shape: [2, z], scalars: epsilon, dtype: .float64), context: &context)
    for (actual, expected) in zip(perSample.reconstruction.scalars, expectedReconstruction) {
      #expect(abs(actual - expected) <= 1e-12, "reconstruction \(actual), by hand \(expected), tolerance 1e-12")
    }
    for (actual, expected) in zip(perSample.klDivergence.scalars, expectedKL) {
      #expect(abs(actual - expected) <= 1e-12, "KL \(actual), by hand \(expected), tolerance 1e-12")
    }
    let sum = expectedReconstruction.reduce(0, +) + expectedKL.reduce(0, +)
    #expect(abs(total.total.scalar - sum) <= 1e-11, "summed −ELBO \(total.total.scalar), by hand \(sum), tolerance 1e-11")
  }

  /// The gradient through z = μ + exp(½ log σ²) ⊙ ε with ε held fixed, to μ, log σ² and the
  /// decoder's weights, and the whole model's gradient to its input with the same draws, match
  /// central finite differences in float64.
  @Test(arguments: [DecoderLikelihood.Kind.gaussian, .bernoulli])
  func reparameterisationGradientMatchesFiniteDifferences(kind: DecoderLikelihood.Kind) throws {
    var rng = SplitMix64(seed: 4)
    let epsilon = Tensor.randomNormal([3, 2], dtype: .float64, using: &rng)
    let x = Tensor.randomUniform([3, 4], low: -1, high: 1, dtype: .float64, using: &rng)
    let likelihood = DecoderLikelihood(kind: kind, readsImages: true)
    let observations = likelihood.observations(of: x)
    let logVariance = Tensor(log(0.5), dtype: .float64)
    let report = checkGradients(of: { inputs in
      let posterior = GaussianPosterior(mean: inputs[0], logVariance: inputs[1])
      let outputs = matmul(posterior.reparameterized(noise: epsilon), inputs[2], transposeB: true)
      return likelihood.negativeLogLikelihood(
        outputs: outputs, observations: observations, logVariance: kind == .gaussian ? logVariance : nil) + posterior.klDivergence()
    }, at: [
      Tensor.randomNormal([3, 2], dtype: .float64, using: &rng), Tensor.randomNormal([3, 2], standardDeviation: 0.5, dtype: .float64, using: &rng),
      Tensor.randomNormal([4, 2], dtype: .float64, using: &rng),
    ])
    #expect(report.maxRelativeError <= 1e-6, "\(report)")

    let model = try linearVAE(
      dimension: 4, latent: 2, likelihood: likelihood, variance: 0.5,
      encoder: ((0..<16).map { 0.1 * sin(Double($0)) }, [0.1, -0.1, -0.3, 0.2]), decoder: ((0..<8).map { 0.3 * cos(Double($0)) }, [0, 0.1, -0.1, 0.2]))
    let whole = checkGradients(of: { inputs in
      var generator = SplitMix64(seed: 11)
      var context = ForwardContext.inference
      return model.negativeELBO(of: inputs[0], context: &context, using: &generator).total
    }, at: [observations])
    #expect(whole.maxRelativeError <= 1e-6, "\(whole)")
  }
}
