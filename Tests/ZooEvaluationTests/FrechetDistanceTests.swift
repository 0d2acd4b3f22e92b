import Foundation
import Testing
import TensorBackend
@testable import ZooEvaluation

@Suite struct FrechetDistanceTests {
  static func matrix(_ rows: [[Double]]) -> Tensor {
    Tensor(shape: [rows.count, rows.count], scalars: rows.flatMap { $0 }, dtype: .float64)
  }

  @Test func diagonalCovariancesGiveTheClosedForm() throws {
    // Commuting covariances: tr √(Σ₁Σ₂) = Σ √(aᵢbᵢ), so d² = ‖μ₁ − μ₂‖² + Σ (√aᵢ − √bᵢ)².
    let a = [4.0, 1, 0.25, 9], b = [1.0, 1, 4, 16]
    let first = GaussianStatistics(mean: [0, 1, 2, 3], covariance: Self.matrix((0..<4).map { i in (0..<4).map { $0 == i ? a[i] : 0 } }), count: 10)
    let second = GaussianStatistics(mean: [1, 1, 0, 3], covariance: Self.matrix((0..<4).map { i in (0..<4).map { $0 == i ? b[i] : 0 } }), count: 10)
    let expected = 1.0 + 4 + zip(a, b).reduce(0) { $0 + ($1.0.squareRoot() - $1.1.squareRoot()) * ($1.0.squareRoot() - $1.1.squareRoot()) }
    let report = try FrechetDistance.distance(first, second)
    #expect(abs(report.distance - expected) <= 1e-12 * expected, "d² \(report.distance) vs closed form \(expected) ± 1e-12 relative")
    #expect(abs(report.squaredMeanDifference - 5) <= 1e-12)
  }

  @Test func nonCommutingCovariancesGiveTheClosedForm() throws {
    // For 2 × 2 positive definite matrices, √M of M = Σ₁Σ₂ (eigenvalues λ₁, λ₂ ≥ 0) has trace
    // √λ₁ + √λ₂ = √(tr M + 2 √det M).
    let angle = 0.7, c = cos(angle), s = sin(angle)
    let rotated = Self.matrix([[3 * c * c + 0.5 * s * s, (3 - 0.5) * c * s], [(3 - 0.5) * c * s, 3 * s * s + 0.5 * c * c]])
    let diagonal = Self.matrix([[2, 0], [0, 0.3]])
    let product = matmul(rotated, diagonal).scalars
    let traceProduct = product[0] + product[3], determinant = product[0] * product[3] - product[1] * product[2]
    let crossTrace = (traceProduct + 2 * determinant.squareRoot()).squareRoot()
    let expected = 0.25 + 1 + (3.5 + 2.3 - 2 * crossTrace)
    let report = try FrechetDistance.distance(
      GaussianStatistics(mean: [0.5, 0], covariance: rotated, count: 3), GaussianStatistics(mean: [0, -1], covariance: diagonal, count: 3))
    #expect(abs(report.distance - expected) <= 1e-12 * expected, "d² \(report.distance) vs closed form \(expected) ± 1e-12 relative")
  }

  @Test func samplesOfTwoGaussiansApproachTheClosedForm() throws {
    // N(0, I) against N(μ, 4 I) in D = 3: d² = ‖μ‖² + D (1 − 2)² = 0.75 + 3 = 3.75. The sample
    // estimate carries sampling noise of order √(D/N) ≈ 0.02 and a bias of order D/N.
    let real = try MetricTestData.gaussian(20_000, 3, seed: 11, name: "real")
    let fake = try MetricTestData.gaussian(20_000, 3, mean: 0.5, standardDeviation: 2, seed: 12, name: "fake")
    let report = try FrechetDistance().evaluate(real: real, fake: fake)
    #expect(abs(report.distance - 3.75) <= 0.1, "d² \(report.distance) vs 3.75 ± 0.1")
    #expect(report.realCount == 20_000 && report.fakeCount == 20_000 && report.dimension == 3)
  }

  @Test func statisticsAreTheMeanAndUnbiasedCovariance() throws {
    let features = try MetricTestData.rows([[1, 2], [3, 0], [5, 4], [7, 2]])
    let statistics = try GaussianStatistics(of: features)
    #expect(statistics.mean == [4, 2])
    // numpy.cov([[1,3,5,7],[2,0,4,2]]) = [[20/3, 4/3], [4/3, 8/3]].
    let expected = [20.0 / 3, 4.0 / 3, 4.0 / 3, 8.0 / 3]
    for (got, want) in zip(statistics.covariance.scalars, expected) {
      #expect(abs(got - want) <= 1e-12, "covariance entry \(got) vs \(want) ± 1e-12")
    }
  }

  @Test func aSetHasDistanceZeroToItself() throws {
    let features = try MetricTestData.gaussian(200, 6, seed: 13, name: "real")
    let report = try FrechetDistance().evaluate(real: features, fake: features.named("fake"))
    #expect(abs(report.distance) <= 1e-9, "d²(X, X) = \(report.distance), expected 0 ± 1e-9")
  }

  @Test func singularCovarianceIsClampedNotComplex() throws {
    // A constant coordinate (MNIST's border pixels) makes both covariances singular.
    var generator = SplitMix64(seed: 14)
    var values: [Double] = []
    for _ in 0..<100 { values += [generator.nextUnitInterval(), 0, generator.nextUnitInterval()] }
    let real = try FeatureMatrix(Tensor(shape: [100, 3], scalars: values, dtype: .float64), name: "real")
    let report = try FrechetDistance().evaluate(real: real, fake: real.named("fake"))
    #expect(report.distance.isFinite && abs(report.distance) <= 1e-9, "d² \(report.distance), expected 0 ± 1e-9")
  }

  @Test func tooFewSamplesForAFullRankCovarianceIsAnError() throws {
    let real = try MetricTestData.gaussian(8, 8, seed: 15, name: "real"), fake = try MetricTestData.gaussian(50, 8, seed: 16, name: "fake")
    #expect(throws: MetricError.tooFewSamples(
      metric: "Fréchet distance", set: "real", count: 8, needed: 9, reason: "a covariance of full rank 8 needs more samples than feature dimensions")) {
      try FrechetDistance().evaluate(real: real, fake: fake)
    }
    #expect(throws: MetricError.dimensionMismatch(first: "real", firstDimension: 8, second: "fake", secondDimension: 7)) {
      try FrechetDistance().evaluate(real: try MetricTestData.gaussian(50, 8, seed: 17, name: "real"), fake: try MetricTestData.gaussian(50, 7, seed: 18, name: "fake"))
    }
  }
}
