/// The memorisation figures (`Memorisation`) of the generator's samples: their nearest training
/// images against the test split's, as the ratio of medians, the share of samples nearer a
/// training image than the test split's 1st percentile, and exact copies; in pixels (a copy is
/// a copy there) and in the reference classifier's features (a copy up to what the classifier
/// sees).
public struct MemorisationMetric: SampleMetric {
  public let comparison: SampleComparison
  /// The spaces measured in.
  public let spaces: [SampleScoring.Features]

  public init(comparison: SampleComparison, spaces: [SampleScoring.Features]? = nil) {
    self.comparison = comparison
    self.spaces = spaces ?? comparison.spaces
  }

  public var key: String { "memorisation" }

  public func evaluate(_ subject: EvaluationSubject) throws -> FeatureSpaceReports<MemorisationReport> {
    var reports = FeatureSpaceReports<MemorisationReport>()
    let training = comparison.dataset.training.count
    for space in spaces {
      let samples = try comparison.nearestTraining(of: .samples, in: space, subject: subject)
      let test = try comparison.nearestTraining(of: .test, in: space, subject: subject)
      let dimension = try comparison.features(.training, in: space, subject: subject).dimension
      reports[space] = Memorisation.report(sampleDistances: samples.distances, testDistances: test.distances, trainingCount: training, dimension: dimension)
    }
    return reports
  }

  public func summary(of report: FeatureSpaceReports<MemorisationReport>) -> [String] {
    report.measured.map { space, m in
      String(format: "memorisation, %@: median nearest-training distance %.4g (test %.4g), ratio %@, %.2f%% of samples nearer than the test's 1st percentile, %d exact copies",
             space.rawValue, m.sampleDistances.median, m.testDistances.median, m.medianRatio.map { String(format: "%.3f", $0) } ?? "n/a",
             100 * m.closeShare, m.exactCopyCount)
    }
  }

  /// No bar: copies are reported, and judged by the reader beside the floor.
  public func shortfalls(of report: FeatureSpaceReports<MemorisationReport>) -> [String] { [] }
}
