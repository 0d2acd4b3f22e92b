/// Improved precision and recall (Kynkäänniemi et al. 2019, "Improved Precision and Recall Metric
/// for Assessing Generative Models", section 3, eq. 1–2): how much of the generated set lies on the
/// real manifold, and how much of the real set lies on the generated one, each manifold estimated
/// as a union of balls.
///
/// For a set Φ, the ball around φ′ ∈ Φ reaches its k-th nearest other sample of Φ:
///
///     f(φ, Φ) = 1 if ‖φ − φ′‖ ≤ ‖φ′ − NN_k(φ′, Φ)‖ for at least one φ′ ∈ Φ, else 0
///     precision = (1/M) Σⱼ f(φ_gⱼ, Φ_r)        recall = (1/N) Σᵢ f(φ_rᵢ, Φ_g)
///
/// with Φ_r the N real and Φ_g the M generated features, and k = 3 (the paper's choice). The balls
/// are closed (≤), as in the paper's equation and its authors' code; the prdc package uses < ,
/// which differs only for a sample exactly on a ball's surface. Every comparison is exact: the
/// radii are exact k-th neighbour distances (`NearestNeighbours`), and membership is decided on
/// float64 distances wherever the fast products leave it in doubt.
public struct PrecisionRecall {
  /// The metric's name in messages and reports.
  public static let name = "precision and recall"

  /// k, the neighbour whose distance sets each ball's radius.
  public var k: Int

  public init(k: Int = 3) {
    self.k = k
  }

  /// Precision and recall of `fake` (M, D) against `real` (N, D).
  ///
  /// - Throws: `dimensionMismatch`; `invalidParameter` for k < 1; `tooFewSamples` when a set
  ///   has k samples or fewer (a sample's k-th nearest other sample must exist).
  public func evaluate(
    real: FeatureMatrix, fake: FeatureMatrix, progress: ((Int, Int) -> Void)? = nil
  ) throws(MetricError) -> PrecisionRecallReport {
    let balls = try NeighbourBalls(real: real, fake: fake, k: k, metric: Self.name)
    var steps = StepProgress(total: 4, report: progress)
    let realRadii = try balls.squaredRadii(of: real, progress: steps.next())
    let fakeRadii = try balls.squaredRadii(of: fake, progress: steps.next())
    let fakeOnReal = try PairwiseSquaredDistances(queries: fake, references: real)
      .ballCounts(squaredRadii: realRadii, inclusive: true, stopAtFirst: true, progress: steps.next())
    let realOnFake = try PairwiseSquaredDistances(queries: real, references: fake)
      .ballCounts(squaredRadii: fakeRadii, inclusive: true, stopAtFirst: true, progress: steps.next())
    return PrecisionRecallReport(
      precision: Double(fakeOnReal.reduce(0, +)) / Double(fake.count),
      recall: Double(realOnFake.reduce(0, +)) / Double(real.count),
      k: k, realCount: real.count, fakeCount: fake.count, dimension: real.dimension)
  }
}
