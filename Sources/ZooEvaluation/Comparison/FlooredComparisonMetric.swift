/// A metric measured twice against the test split in one feature space, on the generator's
/// samples and on the floor's training images (`SampleComparison.floored`): a conformer says
/// what it measures on a pair of feature sets, and the comparison supplies the sets.
public protocol FlooredComparisonMetric: SampleMetric where Report == FlooredReport<Figure> {
  /// What one measurement finds.
  associatedtype Figure: Codable & Hashable & Sendable
  /// The evaluation's shared samples, splits and features.
  var comparison: SampleComparison { get }
  /// The space measured in.
  var features: SampleScoring.Features { get }
  /// The metric's name in progress bars and messages.
  var name: String { get }
  /// The figure of `fake` against `real`, reporting progress as (done, total).
  func measure(real: FeatureMatrix, fake: FeatureMatrix, progress: @escaping (Int, Int) -> Void) throws -> Figure
}

extension FlooredComparisonMetric {
  public func evaluate(_ subject: EvaluationSubject) throws -> FlooredReport<Figure> {
    try comparison.floored(features, subject: subject, metric: name) { real, fake, progress in
      try measure(real: real, fake: fake, progress: progress)
    }
  }

  /// No bar: the floor beside each figure gives its scale.
  public func shortfalls(of report: FlooredReport<Figure>) -> [String] { [] }
}
