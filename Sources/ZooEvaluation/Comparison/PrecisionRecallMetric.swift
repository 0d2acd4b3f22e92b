/// Improved precision and recall (`PrecisionRecall`, Kynkäänniemi et al. 2019, k = 3) of the
/// generator's samples against the test split, beside the floor, in the reference classifier's
/// features.
public struct PrecisionRecallMetric: FlooredComparisonMetric {
  public let comparison: SampleComparison
  public let features: SampleScoring.Features

  public init(comparison: SampleComparison, features: SampleScoring.Features = .classifier) {
    self.comparison = comparison
    self.features = features
  }

  public var key: String { "precision-recall" }

  public var name: String { PrecisionRecall.name }

  public func measure(real: FeatureMatrix, fake: FeatureMatrix, progress: @escaping (Int, Int) -> Void) throws -> PrecisionRecallReport {
    try PrecisionRecall().evaluate(real: real, fake: fake, progress: progress)
  }

  public func summary(of report: FlooredReport<PrecisionRecallReport>) -> [String] {
    [String(format: "precision %.4f, recall %.4f (floor %.4f, %.4f), k = %d, %@ features", report.samples.precision, report.samples.recall,
            report.floor.precision, report.floor.recall, report.samples.k, report.features.rawValue)]
  }
}
