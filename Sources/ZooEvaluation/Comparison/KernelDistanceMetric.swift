/// The kernel distance (`KernelDistance`, Bińkowski et al. 2018: unbiased MMD² with the cubic
/// polynomial kernel, mean ± std over 100 subsets of 1,000) of the generator's samples from the
/// test split, beside the floor, in the reference classifier's features.
public struct KernelDistanceMetric: FlooredComparisonMetric {
  public let comparison: SampleComparison
  public let features: SampleScoring.Features
  /// The seed of the subsets.
  public let seed: UInt64
  /// Pairs of subsets (torch-fidelity: 100), and samples per subset (1,000, or fewer when a set
  /// is smaller).
  public var subsetCount = 100
  public var subsetSize = 1_000

  public init(comparison: SampleComparison, features: SampleScoring.Features = .classifier, seed: UInt64) {
    self.comparison = comparison
    self.features = features
    self.seed = seed
  }

  public var key: String { "kernel-distance" }

  public var name: String { KernelDistance.name }

  public func measure(real: FeatureMatrix, fake: FeatureMatrix, progress: @escaping (Int, Int) -> Void) throws -> KernelDistanceReport {
    try KernelDistance(subsetCount: subsetCount, subsetSize: min(subsetSize, real.count, fake.count), seed: seed)
      .evaluate(real: real, fake: fake, progress: progress)
  }

  public func summary(of report: FlooredReport<KernelDistanceReport>) -> [String] {
    [String(format: "kernel distance %.4g ± %.2g (floor %.4g ± %.2g), %@ features", report.samples.mean, report.samples.standardDeviation,
            report.floor.mean, report.floor.standardDeviation, report.features.rawValue)]
  }
}
