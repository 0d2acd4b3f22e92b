import Foundation
import Testing
@testable import ZooEvaluation

/// Precision, recall, density and coverage on a small 2-D set worked by hand.
///
/// Real X: x₀ (0, 0), x₁ (1, 0), x₂ (0, 2), x₃ (5, 5), x₄ (5, 6). With k = 1 each ball reaches the
/// nearest other real sample: radii 1, 1, 2 (x₂ to x₀), 1, 1.
/// Generated Y: y₀ (0.5, 0), y₁ (0, 3.5), y₂ (12, 12), y₃ (14, 12). Radii: √12.5 (y₀ ↔ y₁), √12.5,
/// 2 (y₂ ↔ y₃), 2.
///
/// - precision: y₀ lies in x₀'s ball (0.5 ≤ 1), y₁ in x₂'s (1.5 ≤ 2); y₂ and y₃ are ≥ √85 from
///   any real sample: 2/4 = 0.5.
/// - recall: x₀, x₁ lie in y₀'s ball (0.5 ≤ √12.5), x₂ in y₁'s (1.5); x₃ is √27.25 ≈ 5.22 from
///   y₁, x₄ √31.25 ≈ 5.59, both beyond √12.5 ≈ 3.54, and √98, √85 from y₂ (radius 2): 3/5 = 0.6.
/// - density: y₀ is inside x₀'s and x₁'s balls (not x₂'s: √4.25 > 2), y₁ inside x₂'s (not x₃'s:
///   5.22 > 1): (2 + 1 + 0 + 0) / (1 · 4) = 0.75.
/// - coverage: x₀, x₁ (nearest y₀ at 0.5 < 1) and x₂ (y₁ at 1.5 < 2) are covered; x₃, x₄ (nearest
///   generated sample ≥ 5.22 > 1) are not: 3/5 = 0.6.
@Suite struct ManifoldMetricsTests {
  static func sets() throws -> (real: FeatureMatrix, fake: FeatureMatrix) {
    (try MetricTestData.rows([[0, 0], [1, 0], [0, 2], [5, 5], [5, 6]], name: "real"),
     try MetricTestData.rows([[0.5, 0], [0, 3.5], [12, 12], [14, 12]], name: "fake"))
  }

  @Test func precisionAndRecallByHand() throws {
    let (real, fake) = try Self.sets()
    let report = try PrecisionRecall(k: 1).evaluate(real: real, fake: fake)
    #expect(report.precision == 0.5 && report.recall == 0.6, "precision \(report.precision) (0.5), recall \(report.recall) (0.6)")
  }

  @Test func densityAndCoverageByHand() throws {
    let (real, fake) = try Self.sets()
    let report = try DensityCoverage(k: 1).evaluate(real: real, fake: fake)
    #expect(report.density == 0.75 && report.coverage == 0.6, "density \(report.density) (0.75), coverage \(report.coverage) (0.6)")
  }

  @Test func precisionBallsAreClosedAndDensityBallsOpen() throws {
    // y₀ = (0, 1) lies exactly on x₀'s ball (radius 1 to x₁): inside for precision (≤, the
    // paper's equation), outside for density and coverage (<, the authors' code).
    let real = try MetricTestData.rows([[0, 0], [1, 0]], name: "real"), fake = try MetricTestData.rows([[0, 1], [10, 10]], name: "fake")
    let precision = try PrecisionRecall(k: 1).evaluate(real: real, fake: fake).precision
    let densityCoverage = try DensityCoverage(k: 1).evaluate(real: real, fake: fake)
    #expect(precision == 0.5, "precision \(precision): the sample on the surface counts")
    #expect(densityCoverage.density == 0 && densityCoverage.coverage == 0, "density \(densityCoverage.density), coverage \(densityCoverage.coverage): it does not")
  }

  @Test func largerKMatchesBruteForce() throws {
    // The default k = 3 and 5 on random sets, against the definitions evaluated pair by pair.
    let real = try MetricTestData.gaussian(80, 6, seed: 31, dtype: .float32, name: "real")
    let fake = try MetricTestData.gaussian(70, 6, mean: 0.3, standardDeviation: 1.2, seed: 32, dtype: .float32, name: "fake")
    let realToFake = MetricTestData.squaredDistances(real, fake)
    func radii(_ set: FeatureMatrix, _ k: Int) -> [Double] {
      MetricTestData.squaredDistances(set, set).enumerated().map { i, row in
        row.enumerated().filter { $0.offset != i }.map(\.element).sorted()[k - 1]
      }
    }
    let real3 = radii(real, 3), fake3 = radii(fake, 3), real5 = radii(real, 5)
    let precision = Double((0..<70).filter { j in (0..<80).contains { realToFake[$0][j] <= real3[$0] } }.count) / 70
    let recall = Double((0..<80).filter { i in (0..<70).contains { realToFake[i][$0] <= fake3[$0] } }.count) / 80
    let density = Double((0..<70).reduce(0) { total, j in total + (0..<80).filter { realToFake[$0][j] < real5[$0] }.count }) / (5 * 70)
    let coverage = Double((0..<80).filter { i in realToFake[i].min()! < real5[i] }.count) / 80
    let pr = try PrecisionRecall().evaluate(real: real, fake: fake), dc = try DensityCoverage().evaluate(real: real, fake: fake)
    #expect(pr.precision == precision && pr.recall == recall, "precision \(pr.precision) vs \(precision), recall \(pr.recall) vs \(recall)")
    #expect(dc.density == density && dc.coverage == coverage, "density \(dc.density) vs \(density), coverage \(dc.coverage) vs \(coverage)")
    #expect((0.05...0.95).contains(pr.precision) && (0.05...0.95).contains(dc.coverage), "a case that is neither all nor nothing")
  }

  @Test func tooFewSamplesForTheNeighbourIsAnError() throws {
    let real = try MetricTestData.rows([[0, 0], [1, 0], [0, 1]], name: "real"), fake = try MetricTestData.rows([[0, 0], [2, 2], [3, 1], [1, 1]], name: "fake")
    #expect(throws: MetricError.tooFewSamples(
      metric: "precision and recall", set: "real", count: 3, needed: 4, reason: "each sample's ball reaches its 3-th nearest other sample")) {
      try PrecisionRecall().evaluate(real: real, fake: fake)
    }
    #expect(throws: MetricError.tooFewSamples(
      metric: "density and coverage", set: "real", count: 3, needed: 6, reason: "each sample's ball reaches its 5-th nearest other sample")) {
      try DensityCoverage().evaluate(real: real, fake: fake)
    }
    #expect(throws: MetricError.dimensionMismatch(first: "real", firstDimension: 2, second: "fake", secondDimension: 3)) {
      try PrecisionRecall(k: 1).evaluate(real: real, fake: try MetricTestData.rows([[0, 0, 0], [1, 1, 1]], name: "fake"))
    }
  }
}
