/// The Fréchet distance (`FrechetDistance`, Heusel et al. 2017) of the generator's samples from
/// the test split, beside the floor, in the reference classifier's features.
public struct FrechetDistanceMetric: FlooredComparisonMetric {
  public let comparison: SampleComparison
  /// The space measured in.
  public let features: SampleScoring.Features

  public init(comparison: SampleComparison, features: SampleScoring.Features = .classifier) {
    self.comparison = comparison
    self.features = features
  }

  public var key: String { "frechet-distance" }

  public var name: String { FrechetDistance.name }

  public func measure(real: FeatureMatrix, fake: FeatureMatrix, progress: @escaping (Int, Int) -> Void) throws -> FrechetDistanceReport {
    try FrechetDistance().evaluate(real: real, fake: fake)
  }

  public func summary(of report: FlooredReport<FrechetDistanceReport>) -> [String] {
    [String(format: "Fréchet distance %.4g (floor %.4g), %@ features", report.samples.distance, report.floor.distance, report.features.rawValue)]
  }
}
