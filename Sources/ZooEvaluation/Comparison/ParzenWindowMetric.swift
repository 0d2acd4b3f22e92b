/// The Parzen-window log-likelihood (`ParzenWindow`) with the protocol of Goodfellow et al.
/// 2014: a Gaussian window on 10,000 samples as pixels on [0, 1], σ chosen from
/// `logspace(-1, 0, 10)` on the dataset's validation images, the mean log density of the test
/// split ± its standard error; beside the floor, the window on as many training images. The
/// paper's Table 1: GAN 225 ± 2 on MNIST.
public struct ParzenWindowMetric: SampleMetric {
  public let comparison: SampleComparison

  public init(comparison: SampleComparison) {
    self.comparison = comparison
  }

  public var key: String { "parzen-window" }

  public func evaluate(_ subject: EvaluationSubject) throws -> FlooredReport<ParzenWindowReport> {
    let validation = try comparison.features(.validation, in: .pixels, subject: subject)
    let count = ParzenWindow.protocolSampleCount
    return try comparison.floored(.pixels, subject: subject, metric: "Parzen window") { test, window, progress in
      try ParzenWindow().evaluate(samples: window.count > count ? window.rows(0..<count) : window, validation: validation, test: test, progress: progress)
    }
  }

  public func summary(of report: FlooredReport<ParzenWindowReport>) -> [String] {
    let (s, f) = (report.samples, report.floor)
    return [String(format: "Parzen log-likelihood %.1f ± %.1f (σ %.3f, %d samples; floor %.1f ± %.1f), pixels on [0, 1]",
                   s.logLikelihood, s.standardError, s.sigma, s.sampleCount, f.logLikelihood, f.standardError)]
  }

  public func shortfalls(of report: FlooredReport<ParzenWindowReport>) -> [String] { [] }
}
