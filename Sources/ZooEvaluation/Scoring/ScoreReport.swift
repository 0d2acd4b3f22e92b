/// Everything `zoo score` measured: the sets, the feature space, every metric, and the same
/// metrics for real training images against the test split (the floor) when a dataset was given.
public struct ScoreReport: Codable, Sendable {
  /// A scored set: where it came from, how many samples of which shape.
  public struct SetInfo: Codable, Hashable, Sendable {
    public var source: String
    public var count: Int
    /// (C, H, W) for images, (D) for vectors.
    public var shape: [Int]

    init(_ set: SampleSet) {
      source = set.source
      count = set.count
      shape = set.sampleShape
    }
  }

  /// The metrics of one generated (or floor) set against the real set.
  public struct Metrics: Codable, Hashable, Sendable {
    public var frechetDistance: FrechetDistanceReport
    public var kernelDistance: KernelDistanceReport
    public var precisionRecall: PrecisionRecallReport
    public var densityCoverage: DensityCoverageReport
    /// Against the dataset's training split (held out: the test split); with a dataset only.
    public var memorisation: MemorisationReport?
    public var dataCopying: DataCopyingReport?
    /// On pixels in [0, 1], whatever the features; with a dataset only.
    public var parzenWindow: ParzenWindowReport?
  }

  /// The feature space.
  public var features: SampleScoring.Features
  /// D of the features.
  public var featureDimension: Int
  /// The dataset compared with, if any (`mnist`).
  public var dataset: String?
  public var real: SetInfo
  public var fake: SetInfo
  /// The generated set's metrics.
  public var metrics: Metrics
  /// The reference classifier's judgement of the generated set (classifier features only): its
  /// label histogram, and the conditional accuracy when the requested labels were given.
  public var classifierJudgement: ClassifierJudgementReport?
  /// The training images drawn for the floor.
  public var floorSamples: SetInfo?
  /// The floor: the metrics of `floorSamples` against the test split. No memorisation or
  /// data-copying figures: training images are their own nearest neighbours.
  public var floor: Metrics?
  /// Wall time of the computation.
  public var seconds: Double
  /// Wall time of each stage (classifier features, each metric, the floor's), in seconds.
  public var stageSeconds: [String: Double]
  /// Processor time of each stage, all threads together, in seconds.
  public var stageProcessorSeconds: [String: Double]
}
