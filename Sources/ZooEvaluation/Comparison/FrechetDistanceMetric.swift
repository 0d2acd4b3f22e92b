/// The Fréchet distance (`FrechetDistance`, Heusel et al. 2017) of the generator's samples from
/// the test split, beside the floor, in the reference classifier's features.
public struct FrechetDistanceMetric: SampleMetric {
  public let comparison: SampleComparison
  /// The space measured in.
  public let features: SampleScoring.Features

  public init(comparison: SampleComparison, features: SampleScoring.Features = .classifier) {
    self.comparison = comparison
    self.features = features
  }

  public var key: String { "frechet-distance" }

  public func evaluate(_ subject: EvaluationSubject) throws -> FlooredReport<FrechetDistanceReport> {
    try comparison.floored(features, subject: subject, metric: FrechetDistance.name) { real, fake, _ in
      try FrechetDistance().evaluate(real: real, fake: fake)
    }
  }

  public func summary(of report: FlooredReport<FrechetDistanceReport>) -> [String] {
    [String(format: "Fréchet distance %.4g (floor %.4g), %@ features", report.samples.distance, report.floor.distance, report.features.rawValue)]
  }

  public func shortfalls(of report: FlooredReport<FrechetDistanceReport>) -> [String] { [] }
}
