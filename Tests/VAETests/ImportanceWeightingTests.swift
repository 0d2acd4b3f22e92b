import Foundation
import NeuralNetworks
import TensorBackend
import Testing
import VAE
import ZooCore

/// The linear-Gaussian model p(z) = N(0, I₂), p(x | z) = N(Wz + b, σ²I₃), whose marginal
/// p(x) = N(b, WWᵀ + σ²I) and posterior p(z | x) = N(ΣWᵀ(x − b)/σ², Σ), Σ = (I + WᵀW/σ²)⁻¹, are
/// known in closed form. W's columns are orthogonal, so Σ is diagonal and a Gaussian encoder
/// with a diagonal covariance can be the exact posterior.
struct LinearGaussianModel {
  /// W (3, 2) row-major: columns (1, 1, 1) and (2, −2, 0).
  let w: [Double] = [1, 2, 1, -2, 1, 0]
  let b: [Double] = [0.1, -0.2, 0.3]
  let variance = 0.25
  /// WᵀW = diag(3, 8), so Σ = diag(1 / (1 + 3/σ²), 1 / (1 + 8/σ²)).
  var posteriorVariance: [Double] { [1 / (1 + 3 / variance), 1 / (1 + 8 / variance)] }

  /// The encoder's weights for q(z | x) = p(z | x), shifted by `meanShift` and `logVarianceShift`
  /// for an inexact one: μ = A x − A b with A = ΣWᵀ/σ², log σ² = log Σ.
  func encoder(meanShift: Double = 0, logVarianceShift: Double = 0) -> (weight: [Double], bias: [Double]) {
    var a = [Double](repeating: 0, count: 2 * 3)
    for k in 0..<2 { for j in 0..<3 { a[k * 3 + j] = posteriorVariance[k] * w[j * 2 + k] / variance } }
    let meanBias = (0..<2).map { k in -(0..<3).reduce(0.0) { $0 + a[k * 3 + $1] * b[$1] } + meanShift }
    return (a + [Double](repeating: 0, count: 6), meanBias + posteriorVariance.map { log($0) + logVarianceShift })
  }

  /// log N(x; b, C) with C = WWᵀ + σ²I, by the 3×3 determinant and adjugate.
  func logMarginal(_ x: [Double]) -> Double {
    var c = [Double](repeating: 0, count: 9)
    for i in 0..<3 { for j in 0..<3 { c[i * 3 + j] = (0..<2).reduce(0.0) { $0 + w[i * 2 + $1] * w[j * 2 + $1] } + (i == j ? variance : 0) } }
    func m(_ i: Int, _ j: Int) -> Double { c[i * 3 + j] }
    let cofactors = (0..<9).map { index -> Double in
      let (i, j) = (index / 3, index % 3)
      let rows = (0..<3).filter { $0 != i }, columns = (0..<3).filter { $0 != j }
      let minor = m(rows[0], columns[0]) * m(rows[1], columns[1]) - m(rows[0], columns[1]) * m(rows[1], columns[0])
      return (i + j) % 2 == 0 ? minor : -minor
    }
    let determinant = (0..<3).reduce(0.0) { $0 + m(0, $1) * cofactors[$1] }
    let d = (0..<3).map { x[$0] - b[$0] }
    // C⁻¹ = adj(C) / det C, adj(C)ᵢⱼ = cofactorⱼᵢ (C is symmetric, so the transpose is moot).
    var quadratic = 0.0
    for i in 0..<3 {
      for j in 0..<3 { quadratic += d[i] * cofactors[j * 3 + i] * d[j] / determinant }
    }
    let logDeterminant: Double = Foundation.log(determinant)
    return -0.5 * (3 * logTwoPi + logDeterminant + quadratic)
  }

  func vae(meanShift: Double = 0, logVarianceShift: Double = 0) throws -> VariationalAutoencoder {
    try linearVAE(
      dimension: 3, latent: 2, likelihood: DecoderLikelihood(kind: .gaussian, readsImages: false), variance: variance,
      encoder: encoder(meanShift: meanShift, logVarianceShift: logVarianceShift), decoder: (w, b))
  }

  let samples: [[Double]] = [[0.3, -0.1, 0.2], [2, 1, -1], [-1.5, 0.5, 0.4]]
  var tensor: Tensor { Tensor(shape: [samples.count, 3], scalars: samples.flatMap { $0 }, dtype: .float64) }
}

@Suite struct ImportanceWeightingTests {
  /// With q(z | x) the exact posterior every importance weight p(x, z)/q(z | x) is p(x), so the
  /// estimate is log p(x) for any k, to rounding.
  @Test func theEstimateIsExactForTheLinearGaussianModel() throws {
    let model = LinearGaussianModel()
    let vae = try model.vae()
    for k in [1, 7, 500] {
      var generator = SplitMix64(seed: UInt64(k))
      let estimates = vae.importanceWeightedLogLikelihood(of: model.tensor, importanceSamples: k, using: &generator)
      for (estimate, x) in zip(estimates, model.samples) {
        #expect(abs(estimate - model.logMarginal(x)) <= 1e-9, "k = \(k): estimate \(estimate), log p(x) \(model.logMarginal(x)), tolerance 1e-9")
      }
    }
  }

  /// With an inexact q, E[log w] = log p(x) − KL(q ‖ p(z | x)) < log p(x) at k = 1, and the
  /// estimate tightens with k (Burda et al. 2016, theorem 1) to within 0.01 of log p(x) at
  /// k = 5,000; the ELBO of the same samples lies below it.
  @Test func theEstimateTightensWithKTowardsLogLikelihoodAndBoundsTheELBO() throws {
    let model = LinearGaussianModel()
    let vae = try model.vae(meanShift: 0.15, logVarianceShift: 0.5)
    let exact = model.samples.map(model.logMarginal)
    var generator = SplitMix64(seed: 3)
    let repeated = Tensor(shape: [300, 3], scalars: (0..<100).flatMap { _ in model.samples.flatMap { $0 } }, dtype: .float64)
    let single = vae.importanceWeightedLogLikelihood(of: repeated, importanceSamples: 1, using: &generator)
    let ten = vae.importanceWeightedLogLikelihood(of: repeated, importanceSamples: 10, using: &generator)
    let many = vae.importanceWeightedLogLikelihood(of: model.tensor, importanceSamples: 5_000, using: &generator)
    let elbo = vae.negativeBound(of: repeated, using: &generator)[0].map { -$0 }
    for i in model.samples.indices {
      func mean(_ values: [Double]) -> Double { stride(from: i, to: values.count, by: 3).reduce(0.0) { $0 + values[$1] } / 100 }
      #expect(mean(single) < exact[i] - 0.05, "k = 1: \(mean(single)), log p(x) \(exact[i])")
      #expect(mean(single) < mean(ten) && mean(ten) < exact[i], "k = 1: \(mean(single)), k = 10: \(mean(ten)), log p(x) \(exact[i])")
      #expect(abs(many[i] - exact[i]) <= 0.01, "k = 5000: \(many[i]), log p(x) \(exact[i]), tolerance 0.01")
      #expect(mean(elbo) < mean(ten), "ELBO \(mean(elbo)) above the k = 10 estimate \(mean(ten))")
    }
  }

  /// On an untrained multilayer VAE of digits (float32, one posterior draw per image), the mean
  /// estimate with k = 50 lies above the mean ELBO of the same images.
  @Test func theEstimateLiesAboveTheELBOOnImages() throws {
    let data = images(channels: 1, side: 8)
    var rng = SplitMix64(seed: 21)
    let vae = try VAEVariant.makeModel(configuration: tinyConfiguration(for: data), data: data, using: &rng)
    let samples = Tensor.randomUniform([64, 1, 8, 8], low: -1, high: 1, using: &rng)
    let estimate = vae.importanceWeightedLogLikelihood(of: samples, importanceSamples: 50, using: &rng)
    let elbo = vae.negativeBound(of: samples, using: &rng)[0].map { -$0 }
    let (meanEstimate, meanELBO) = (estimate.reduce(0, +) / 64, elbo.reduce(0, +) / 64)
    #expect(meanEstimate > meanELBO, "importance-weighted \(meanEstimate) is not above the ELBO \(meanELBO)")
  }
}
