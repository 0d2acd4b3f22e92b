/// Whether generated samples sit closer to the training set than new data from the same
/// distribution do: the nearest-neighbour distances from samples to the training set, against the
/// distances from held-out test data to the training set.
///
/// With d(x) = min_{t ∈ T} ‖x − t‖ the distance to the nearest of the training samples T
/// (exact, `NearestNeighbours`), over generated samples Q and held-out test samples P:
///
///     median ratio   = median_{q ∈ Q} d(q) / median_{p ∈ P} d(p)
///     close share    = |{q ∈ Q : d(q) < t₁}| / |Q|,   t₁ the 1st percentile of {d(p) : p ∈ P}
///
/// A generator that draws new data gives a ratio near 1 and a close share near 1 % (the share of
/// test samples below their own 1st percentile); one that copies training images gives a ratio
/// near 0 and a share near the fraction it copies. A ratio well above 1 means samples far from
/// any training image: poor quality rather than memorisation. `exactCopyCount` counts samples
/// identical to a training sample (d = 0).
public struct Memorisation {
  /// The metric's name in messages and reports.
  public static let name = "memorisation"

  public init() {}

  /// The figures for `samples` (M, D), measured against `training` (L, D) and `test` (N, D).
  ///
  /// - Throws: `dimensionMismatch`; `tooFewSamples` for an empty set.
  public func evaluate(
    samples: FeatureMatrix, training: FeatureMatrix, test: FeatureMatrix, progress: ((Int, Int) -> Void)? = nil
  ) throws(MetricError) -> MemorisationReport {
    for set in [samples, training, test] where set.count == 0 {
      throw .tooFewSamples(metric: Self.name, set: set.name, count: 0, needed: 1, reason: "nearest-neighbour distances need points")
    }
    let search = NearestNeighbours(references: training)
    var steps = StepProgress(total: 2, report: progress)
    let sampleDistances = try search.search(samples, k: 1, progress: steps.next()).distances
    let testDistances = try search.search(test, k: 1, progress: steps.next()).distances
    return Self.report(sampleDistances: sampleDistances, testDistances: testDistances, trainingCount: training.count, dimension: training.dimension)
  }

  /// The figures from the nearest-training distances d of the samples and of the test samples
  /// (each at least one), found elsewhere.
  public static func report(sampleDistances: [Double], testDistances: [Double], trainingCount: Int, dimension: Int) -> MemorisationReport {
    let sampleSummary = DistanceSummary(sampleDistances), testSummary = DistanceSummary(testDistances)
    let threshold = testSummary.percentile1
    return MemorisationReport(
      medianRatio: testSummary.median > 0 ? sampleSummary.median / testSummary.median : nil,
      closeShare: Double(sampleDistances.filter { $0 < threshold }.count) / Double(sampleDistances.count),
      testFirstPercentile: threshold, exactCopyCount: sampleDistances.filter { $0 == 0 }.count,
      sampleDistances: sampleSummary, testDistances: testSummary, trainingCount: trainingCount, dimension: dimension)
  }
}
