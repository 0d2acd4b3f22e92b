/// The data-copying test C_T (`DataCopyingTest`, Meehan et al. 2020) of the generator's samples:
/// Mann–Whitney z-scores of sample-to-training against test-to-training distances in 50 k-means
/// cells of the training set, in the reference classifier's features; below −3 means copying.
public struct DataCopyingMetric: SampleMetric {
  public let comparison: SampleComparison
  public let features: SampleScoring.Features
  /// The seed of the partition's k-means.
  public let seed: UInt64
  public var cellCount = 50

  public init(comparison: SampleComparison, features: SampleScoring.Features = .classifier, seed: UInt64) {
    self.comparison = comparison
    self.features = features
    self.seed = seed
  }

  public var key: String { "data-copying" }

  public func evaluate(_ subject: EvaluationSubject) throws -> FeatureSpaceReports<DataCopyingReport> {
    var reports = FeatureSpaceReports<DataCopyingReport>()
    reports[features] = try DataCopyingTest(cellCount: cellCount, seed: seed).evaluate(
      samples: comparison.features(.samples, in: features, subject: subject), training: comparison.features(.training, in: features, subject: subject),
      test: comparison.features(.test, in: features, subject: subject), progress: subject.stage("data-copying test, \(features.rawValue)"))
    return reports
  }

  public func summary(of report: FeatureSpaceReports<DataCopyingReport>) -> [String] {
    report.measured.map { space, r in
      String(format: "data-copying C_T %.2f over %d of %d cells, %@ features (below -3: copying)", r.statistic, r.cellsUsed, r.cellCount, space.rawValue)
    }
  }

  /// No bar: C_T is reported, with its threshold in the summary.
  public func shortfalls(of report: FeatureSpaceReports<DataCopyingReport>) -> [String] { [] }
}
