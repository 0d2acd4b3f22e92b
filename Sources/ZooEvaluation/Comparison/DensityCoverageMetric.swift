/// Density and coverage (`DensityCoverage`, Naeem et al. 2020, k = 5) of the generator's samples
/// against the test split, beside the floor, in the reference classifier's features.
public struct DensityCoverageMetric: FlooredComparisonMetric {
  public let comparison: SampleComparison
  public let features: SampleScoring.Features

  public init(comparison: SampleComparison, features: SampleScoring.Features = .classifier) {
    self.comparison = comparison
    self.features = features
  }

  public var key: String { "density-coverage" }

  public var name: String { DensityCoverage.name }

  public func measure(real: FeatureMatrix, fake: FeatureMatrix, progress: @escaping (Int, Int) -> Void) throws -> DensityCoverageReport {
    try DensityCoverage().evaluate(real: real, fake: fake, progress: progress)
  }

  public func summary(of report: FlooredReport<DensityCoverageReport>) -> [String] {
    [String(format: "density %.4f, coverage %.4f (floor %.4f, %.4f), k = %d, %@ features", report.samples.density, report.samples.coverage,
            report.floor.density, report.floor.coverage, report.samples.k, report.features.rawValue)]
  }
}
