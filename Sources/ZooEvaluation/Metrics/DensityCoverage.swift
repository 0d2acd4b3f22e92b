/// Density and coverage (Naeem et al. 2020, "Reliable Fidelity and Diversity Metrics for
/// Generative Models", section 3.2, eq. 5–6): precision and recall made robust to outliers by
/// counting balls around the real samples only.
///
/// With B(x, r) the ball of radius r around x and NND_k(Xᵢ) the distance from real sample Xᵢ to
/// its k-th nearest other real sample, for N real samples X and M generated samples Y:
///
///     density  = 1/(kM) Σⱼ Σᵢ 1[Yⱼ ∈ B(Xᵢ, NND_k(Xᵢ))]
///     coverage = 1/N   Σᵢ 1[∃ j: Yⱼ ∈ B(Xᵢ, NND_k(Xᵢ))]
///
/// with k = 5 (the paper's choice). Density can exceed 1 (generated samples crowding where real
/// balls overlap); coverage is a share in [0, 1]. The balls are open (<), as in the authors' prdc
/// code (the paper does not say). Every comparison is exact, as for `PrecisionRecall`.
public struct DensityCoverage {
  /// The metric's name in messages and reports.
  public static let name = "density and coverage"

  /// k, the real neighbour whose distance sets each ball's radius.
  public var k: Int

  public init(k: Int = 5) {
    self.k = k
  }

  /// Density and coverage of `fake` (M, D) against `real` (N, D).
  ///
  /// - Throws: `dimensionMismatch`; `invalidParameter` for k < 1; `tooFewSamples` when the real
  ///   set has k samples or fewer, or the generated set is empty.
  public func evaluate(
    real: FeatureMatrix, fake: FeatureMatrix, progress: ((Int, Int) -> Void)? = nil
  ) throws(MetricError) -> DensityCoverageReport {
    let balls = try NeighbourBalls(real: real, fake: fake, k: k, metric: Self.name, fakeNeeds: 1)
    var steps = StepProgress(total: 3, report: progress)
    let radii = try balls.squaredRadii(of: real, progress: steps.next())
    let counts = try PairwiseSquaredDistances(queries: fake, references: real)
      .ballCounts(squaredRadii: radii, inclusive: false, progress: steps.next())
    let nearestFake = try NearestNeighbours(references: fake).search(real, k: 1, progress: steps.next()).squaredDistances
    let covered = zip(nearestFake, radii).filter { $0 < $1 }.count
    return DensityCoverageReport(
      density: Double(counts.reduce(0, +)) / Double(k * fake.count), coverage: Double(covered) / Double(real.count),
      k: k, realCount: real.count, fakeCount: fake.count, dimension: real.dimension)
  }
}
