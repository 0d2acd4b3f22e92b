import Foundation

/// The Parzen-window log-likelihood of held-out data under a Gaussian kernel density placed on
/// generated samples, with the protocol of Goodfellow et al. 2014 ("Generative Adversarial Nets",
/// section 5, Table 1; their code: goodfeli/adversarial `parzen_ll.py`, after Breuleux et al. 2011).
///
/// With M samples μⱼ ∈ R^D and window width σ, the log density of a point x is
///
///     log p̂(x) = log( (1/M) Σⱼ exp(−‖x − μⱼ‖² / (2σ²)) ) − D log(σ √(2π))
///
/// σ is the one of `sigmaGrid` (the script's `numpy.logspace(-1, 0, 10)`: ten widths from 0.1 to
/// 1) whose mean log density over the validation points is highest (the first on ties, as
/// `numpy.argmax`); the report gives the mean over the test points and its standard error,
/// std / √n with the population standard deviation (`ll.std() / numpy.sqrt(n)`). The 2014 paper
/// puts 10,000 samples against MNIST's 10,000 test digits as pixels in [0, 1], with σ chosen on
/// the first 1,000 of training images 50,000–59,999 (`get_valid(…, limit_size=1000)`): GAN 225 ± 2.
///
/// Numerical traps: with σ = 0.1 and MNIST distances near 6, the exponents are near −1,800, so
/// exp underflows to 0 for every term; the sum is taken as log-sum-exp, m + log Σ exp(aⱼ − m) with
/// m = maxⱼ aⱼ. And the exponents magnify distance errors by 1/(2σ²) = 50, so the squared
/// distances come from float64 products, computed in blocks of query rows (bounded memory).
public struct ParzenWindow {
  /// The metric's name in messages and reports.
  public static let name = "Parzen-window log-likelihood"

  /// The candidate widths σ.
  public var sigmaGrid: [Double]

  /// `numpy.logspace(-1, 0, 10)`: 10^(−1 + i/9), i = 0…9.
  public static let goodfellowGrid: [Double] = (0..<10).map { pow(10, -1 + Double($0) / 9) }
  /// Samples the protocol fits the window to.
  public static let protocolSampleCount = 10_000
  /// Validation points the protocol chooses σ on.
  public static let protocolValidationCount = 1_000

  public init(sigmaGrid: [Double] = ParzenWindow.goodfellowGrid) {
    self.sigmaGrid = sigmaGrid
  }

  /// Chooses σ on `validation` and reports the mean log density of `test`, for a window on
  /// `samples` (all (·, D)).
  ///
  /// - Throws: `invalidParameter` for an empty grid or a σ that is not positive and finite;
  ///   `dimensionMismatch`; `tooFewSamples` for an empty set.
  public func evaluate(
    samples: FeatureMatrix, validation: FeatureMatrix, test: FeatureMatrix, progress: ((Int, Int) -> Void)? = nil
  ) throws(MetricError) -> ParzenWindowReport {
    guard !sigmaGrid.isEmpty else { throw .invalidParameter(metric: Self.name, problem: "no window widths to choose from") }
    if let bad = sigmaGrid.first(where: { !($0 > 0 && $0.isFinite) }) {
      throw .invalidParameter(metric: Self.name, problem: "window width σ = \(bad) must be positive and finite")
    }
    for set in [samples, validation, test] where set.count == 0 {
      throw .tooFewSamples(metric: Self.name, set: set.name, count: 0, needed: 1, reason: "a density needs points")
    }
    var steps = StepProgress(total: 2, report: progress)
    let validationMeans = try Self.logDensities(of: validation, samples: samples, sigmas: sigmaGrid, progress: steps.next())
      .map { $0.reduce(0, +) / Double(validation.count) }
    var best = 0
    for index in validationMeans.indices where validationMeans[index] > validationMeans[best] { best = index }
    let sigma = sigmaGrid[best]
    let values = try Self.logDensities(of: test, samples: samples, sigmas: [sigma], progress: steps.next())[0]
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
    return ParzenWindowReport(
      logLikelihood: mean, standardError: (variance / Double(values.count)).squareRoot(), sigma: sigma,
      sigmaGrid: sigmaGrid, validationLogLikelihoods: validationMeans,
      sampleCount: samples.count, validationCount: validation.count, testCount: test.count, dimension: samples.dimension)
  }

  /// log p̂(xᵢ) for every row of `points` under the window on `samples`, one array per σ.
  ///
  /// - Throws: `dimensionMismatch`.
  public static func logDensities(
    of points: FeatureMatrix, samples: FeatureMatrix, sigmas: [Double], progress: ((Int, Int) -> Void)? = nil
  ) throws(MetricError) -> [[Double]] {
    let distances = try PairwiseSquaredDistances(queries: points, references: samples)
    let n = points.count, m = samples.count, d = Double(samples.dimension)
    var results = [Double](repeating: 0, count: sigmas.count * n)
    let normalizers = sigmas.map { log(Double(m)) + d * log($0 * (2 * Double.pi).squareRoot()) }
    results.withUnsafeMutableBufferPointer { out in
      distances.forEachRow(in: Double.self, progress: progress) { i, row in
        // Exact to float64 rounding: no decision hangs on these, only sums.
        let squared = (0..<m).map { max(0, row.approximate($0)) }
        let nearest = squared.min() ?? 0
        for (s, sigma) in sigmas.enumerated() {
          let scale = -1 / (2 * sigma * sigma)
          // The largest exponent is the nearest sample's.
          let largest = nearest * scale
          var sum = 0.0
          for value in squared { sum += exp(value * scale - largest) }
          out[s * n + i] = largest + log(sum) - normalizers[s]
        }
      }
    }
    return (0..<sigmas.count).map { Array(results[$0 * n..<($0 + 1) * n]) }
  }
}
