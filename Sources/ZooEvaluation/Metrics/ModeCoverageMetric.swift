import Datasets

/// Mode coverage of a Gaussian mixture (`ModeCoverage`, the VEEGAN/PacGAN protocol) on 2,500
/// samples: the metric of the point datasets. Its bar: every mode covered.
public struct ModeCoverageMetric: SampleMetric {
  /// A mode counts as covered with at least this many of the 2,500 samples within 3σ: stricter
  /// than the PacGAN code's "any sample", so that a generator smearing points along the ring
  /// does not count (an even split gives 312 per mode on ring8, 100 on grid25).
  public static let minimumSamplesPerMode = 20

  public let coverage: ModeCoverage
  /// The seed of the samples' noise.
  public let seed: UInt64

  public init(mixture: GaussianMixture, seed: UInt64) {
    coverage = ModeCoverage(centers: mixture.centers, standardDeviation: mixture.standardDeviation,
                            minimumSamplesPerMode: Self.minimumSamplesPerMode)
    self.seed = seed
  }

  public var key: String { "mode-coverage" }

  public func evaluate(_ subject: EvaluationSubject) throws -> ModeCoverageReport {
    coverage.evaluate(subject.samples(count: ModeCoverage.protocolSampleCount, seed: seed))
  }

  public func summary(of c: ModeCoverageReport) -> [String] {
    [String(format: "modes covered %d/%d (>= %d of %d samples within 3σ), high-quality samples %.1f%%, reverse KL %@",
            c.modesCovered, c.modeCount, c.minimumSamplesPerMode, c.sampleCount, 100 * c.highQualityFraction,
            c.reverseKLDivergence.map { String(format: "%.3f", $0) } ?? "n/a")]
  }

  public func shortfalls(of c: ModeCoverageReport) -> [String] {
    c.modesCovered < c.modeCount ? ["modes covered \(c.modesCovered)/\(c.modeCount)"] : []
  }
}
