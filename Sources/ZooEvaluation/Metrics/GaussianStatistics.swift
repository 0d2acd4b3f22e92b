import TensorBackend

/// The mean and covariance of a set of features, in float64: the Gaussian a Fréchet distance
/// compares (pytorch-fid's `mu` and `sigma`).
///
/// For features x₁ … x_N (N, D):  μ = (1/N) Σ xᵢ,  Σ = 1/(N − 1) Σ (xᵢ − μ)(xᵢ − μ)ᵀ, the unbiased
/// sample covariance of `numpy.cov(features, rowvar=False)`, computed as X̄ᵀX̄ / (N − 1) with
/// one matrix product of the centred features X̄.
public struct GaussianStatistics {
  /// μ, D entries.
  public let mean: [Double]
  /// Σ, (D, D) float64.
  public let covariance: Tensor
  /// N, the samples the statistics come from.
  public let count: Int

  /// Statistics given directly (for closed forms).
  public init(mean: [Double], covariance: Tensor, count: Int) {
    precondition(covariance.shape == [mean.count, mean.count], "GaussianStatistics: covariance \(covariance.shape) does not fit a mean of \(mean.count)")
    self.mean = mean
    self.covariance = covariance.converted(to: .float64)
    self.count = count
  }

  /// The statistics of `features`.
  ///
  /// - Throws: `tooFewSamples` unless N > D: with fewer samples the covariance has rank N − 1 < D,
  ///   and its square root, hence the distance, depends on which directions the few samples
  ///   happened to span (Heusel et al. 2017 use 50,000 samples; 10,000 is the common minimum).
  public init(of features: FeatureMatrix, metric: String = FrechetDistance.name) throws(MetricError) {
    let n = features.count, d = features.dimension
    guard n > d else {
      throw .tooFewSamples(
        metric: metric, set: features.name, count: n, needed: d + 1,
        reason: "a covariance of full rank \(d) needs more samples than feature dimensions")
    }
    var values = features.doublePrecision.scalars
    var mean = [Double](repeating: 0, count: d)
    for i in 0..<n {
      for j in 0..<d { mean[j] += values[i * d + j] }
    }
    for j in 0..<d { mean[j] /= Double(n) }
    for i in 0..<n {
      for j in 0..<d { values[i * d + j] -= mean[j] }
    }
    let centred = Tensor(shape: [n, d], scalars: values, dtype: .float64)
    let covariance = matmul(centred, centred, transposeA: true) * (1 / Double(n - 1))
    self.init(mean: mean, covariance: covariance, count: n)
  }

  /// D.
  public var dimension: Int { mean.count }
}
