/// The memorisation figures: generated-to-training against test-to-training nearest-neighbour
/// distances.
public struct MemorisationReport: Codable, Hashable, Sendable {
  /// median d(sample) / median d(test); `nil` when the test median is 0 (test samples that are
  /// training samples), where no ratio exists.
  public var medianRatio: Double?
  /// The share of samples nearer a training sample than `testFirstPercentile`.
  public var closeShare: Double
  /// The 1st percentile of the test samples' distances.
  public var testFirstPercentile: Double
  /// Samples at distance 0 from a training sample.
  public var exactCopyCount: Int
  /// The distributions of d over the samples and over the test samples.
  public var sampleDistances: DistanceSummary
  public var testDistances: DistanceSummary
  /// L, D.
  public var trainingCount: Int
  public var dimension: Int
}
