import Foundation
import Testing
import Datasets
import TensorBackend
@testable import ZooEvaluation

@Suite struct ModeCoverageTests {
  static func metric(_ mixture: GaussianMixture, minimum: Int = 1) -> ModeCoverage {
    ModeCoverage(centers: mixture.centers, standardDeviation: mixture.standardDeviation, minimumSamplesPerMode: minimum)
  }

  static func points(_ rows: [[Double]]) -> Tensor {
    Tensor(shape: [rows.count, rows[0].count], scalars: rows.flatMap { $0 })
  }

  @Test func allSamplesOnOneModeCoverOneMode() {
    let mixture = GaussianMixture.grid25
    let report = Self.metric(mixture).evaluate(Self.points(Array(repeating: mixture.centers[7], count: 100)))
    #expect(report.modesCovered == 1)
    #expect(report.highQualitySampleCount == 100 && report.highQualityFraction == 1)
    #expect(report.highQualitySamplesPerMode[7] == 100)
    #expect(report.highQualitySamplesPerMode.reduce(0, +) == 100)
    let kl = report.reverseKLDivergence!
    #expect(abs(kl - log(25)) <= 1e-12, "collapse onto one mode gives log M: \(kl) vs \(log(25.0))")
  }

  @Test(arguments: GaussianMixture.Preset.allCases)
  func realSamplesCoverEveryMode(preset: GaussianMixture.Preset) {
    let mixture = preset.mixture
    var generator = SplitMix64(seed: 2017)
    let samples = mixture.sample(count: ModeCoverage.protocolSampleCount, dtype: .float64, using: &generator)
    let report = Self.metric(mixture).evaluate(samples)
    #expect(report.modesCovered == mixture.modeCount)
    // P(‖x − μ‖ < 3σ): 1 − e^(−9/2) in 2-D, erf(3/√2) in 1-D; 5 binomial standard errors.
    let expected = mixture.dimension == 2 ? 1 - exp(-4.5) : erf(3 / 2.0.squareRoot())
    let tolerance = 5 * (expected * (1 - expected) / Double(report.sampleCount)).squareRoot()
    #expect(
      abs(report.highQualityFraction - expected) <= tolerance,
      "high-quality share \(report.highQualityFraction) vs \(expected) ± \(tolerance)")
    #expect(report.reverseKLDivergence! < 0.05, "near-uniform histogram: \(report.reverseKLDivergence!)")
  }

  @Test func farAwaySamplesAreNeverHighQuality() {
    let report = Self.metric(.ring8).evaluate(Self.points(Array(repeating: [100, -100], count: 50)))
    #expect(report.highQualitySampleCount == 0 && report.highQualityFraction == 0)
    #expect(report.modesCovered == 0)
    #expect(report.reverseKLDivergence == nil)
    #expect(report.highQualitySamplesPerMode == Array(repeating: 0, count: 8))
  }

  @Test func threeSigmaBoundary() {
    let sigma = GaussianMixture.ring8.standardDeviation
    let center = GaussianMixture.ring8.centers[0]  // (2, 0)
    let inside = [center[0] + 2.99 * sigma, 0.0], outside = [center[0] + 3.01 * sigma, 0.0]
    let report = Self.metric(.ring8).evaluate(Self.points([inside, outside]))
    #expect(report.highQualitySamplesPerMode[0] == 1 && report.highQualitySampleCount == 1)
  }

  @Test func minimumSamplesPerModeThreshold() {
    let centers = GaussianMixture.grid25.centers
    let rows = Array(repeating: centers[0], count: 10) + Array(repeating: centers[1], count: 25)
    #expect(Self.metric(.grid25).evaluate(Self.points(rows)).modesCovered == 2)
    let strict = Self.metric(.grid25, minimum: 20).evaluate(Self.points(rows))
    #expect(strict.modesCovered == 1 && strict.minimumSamplesPerMode == 20)
  }

  @Test func nonFiniteSamplesAreLowQuality() {
    let report = Self.metric(.line3).evaluate(Self.points([[.nan], [.infinity], [0]]))
    #expect(report.highQualitySampleCount == 1 && report.highQualitySamplesPerMode == [0, 1, 0])
  }

  @Test func reverseKLMatchesHandComputation() {
    // q = (3/4, 1/4) against (1/2, 1/2): 3/4 ln(3/2) + 1/4 ln(1/2).
    let expected = 0.75 * log(1.5) + 0.25 * log(0.5)
    #expect(abs(ModeCoverage.klFromUniform([3, 1])! - expected) <= 1e-15)
    #expect(ModeCoverage.klFromUniform([5, 5, 5]) == 0)
    #expect(ModeCoverage.klFromUniform([0, 0]) == nil)
  }

  @Test func tensorCentersMatchArrayCenters() {
    let mixture = GaussianMixture.grid25
    let fromTensor = ModeCoverage(centers: mixture.centerTensor(dtype: .float64), standardDeviation: 0.05)
    #expect(fromTensor.centers == mixture.centers)
    #expect(fromTensor.modeCount == 25 && fromTensor.dimension == 2)
  }

  @Test func reportRoundTripsThroughJSON() throws {
    var generator = SplitMix64(seed: 5)
    let report = Self.metric(.ring8).evaluate(GaussianMixture.ring8.sample(count: 100, using: &generator))
    let decoded = try JSONDecoder().decode(ModeCoverageReport.self, from: JSONEncoder().encode(report))
    #expect(decoded == report)

    let empty = Self.metric(.ring8).evaluate(Self.points([[50, 50]]))
    let json = String(decoding: try JSONEncoder().encode(empty), as: UTF8.self)
    #expect(json.contains("\"modesCovered\":0"))
    #expect(try JSONDecoder().decode(ModeCoverageReport.self, from: Data(json.utf8)) == empty)
    #expect(empty.description == "modes 0/8, high quality 0.0% of 1, reverse KL n/a")
  }
}
