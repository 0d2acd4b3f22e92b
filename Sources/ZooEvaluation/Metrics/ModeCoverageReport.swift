/// The outcome of one `ModeCoverage` evaluation, with the protocol parameters it was computed
/// under, ready to be written as JSON next to a run.
public struct ModeCoverageReport: Codable, Hashable, Sendable {
  /// M, the number of modes of the target mixture.
  public var modeCount: Int
  /// N, the number of samples scored.
  public var sampleCount: Int
  /// Modes with at least `minimumSamplesPerMode` high-quality samples ("Modes (Max M)" in PacGAN's Table 1).
  public var modesCovered: Int
  /// Samples within `qualityRadius` σ of their nearest center.
  public var highQualitySampleCount: Int
  /// `highQualitySampleCount / sampleCount` ("high quality samples"); 0 when N = 0.
  public var highQualityFraction: Double
  /// For each mode, the high-quality samples nearest to it.
  public var highQualitySamplesPerMode: [Int]
  /// KL(q ‖ uniform) in nats over the high-quality samples' modes ("reverse KL"); `nil` when no
  /// sample is high quality, since there is no distribution q to compare.
  public var reverseKLDivergence: Double?
  /// σ of the target mixture.
  public var standardDeviation: Double
  /// The high-quality radius, in units of σ.
  public var qualityRadius: Double
  /// The covered-mode threshold.
  public var minimumSamplesPerMode: Int

  public init(
    modeCount: Int, sampleCount: Int, modesCovered: Int, highQualitySampleCount: Int, highQualityFraction: Double,
    highQualitySamplesPerMode: [Int], reverseKLDivergence: Double?, standardDeviation: Double, qualityRadius: Double,
    minimumSamplesPerMode: Int
  ) {
    self.modeCount = modeCount
    self.sampleCount = sampleCount
    self.modesCovered = modesCovered
    self.highQualitySampleCount = highQualitySampleCount
    self.highQualityFraction = highQualityFraction
    self.highQualitySamplesPerMode = highQualitySamplesPerMode
    self.reverseKLDivergence = reverseKLDivergence
    self.standardDeviation = standardDeviation
    self.qualityRadius = qualityRadius
    self.minimumSamplesPerMode = minimumSamplesPerMode
  }
}

extension ModeCoverageReport: CustomStringConvertible {
  public var description: String {
    let kl = reverseKLDivergence.map { "\(($0 * 1000).rounded() / 1000)" } ?? "n/a"
    let percent = (highQualityFraction * 1000).rounded() / 10
    return "modes \(modesCovered)/\(modeCount), high quality \(percent)% of \(sampleCount), reverse KL \(kl)"
  }
}
