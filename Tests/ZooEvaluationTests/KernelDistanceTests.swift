import Foundation
import Testing
import TensorBackend
@testable import ZooEvaluation

@Suite struct KernelDistanceTests {
  /// k(x, y) = (xᵀy / D + 1)³ for every pair, by the definition.
  static func kernel(_ x: FeatureMatrix, _ y: FeatureMatrix) -> [[Double]] {
    let d = Double(x.dimension)
    return (0..<x.count).map { i in
      (0..<y.count).map { j in
        let dot = zip(x.row(i), y.row(j)).reduce(0) { $0 + $1.0 * $1.1 }
        return pow(dot / d + 1, 3)
      }
    }
  }

  /// Σ of the entries, optionally leaving out the diagonal.
  static func sum(_ matrix: [[Double]], offDiagonal: Bool) -> Double {
    matrix.enumerated().reduce(0) { total, row in
      total + row.element.enumerated().reduce(0) { $0 + (offDiagonal && $1.offset == row.offset ? 0 : $1.element) }
    }
  }

  @Test func unbiasedEstimateMatchesTheDefinition() throws {
    let x = try MetricTestData.gaussian(7, 3, seed: 21), y = try MetricTestData.gaussian(9, 3, mean: 0.4, seed: 22)
    let m = 7.0, n = 9.0
    let expected = Self.sum(Self.kernel(x, x), offDiagonal: true) / (m * (m - 1)) + Self.sum(Self.kernel(y, y), offDiagonal: true) / (n * (n - 1))
      - 2 * Self.sum(Self.kernel(x, y), offDiagonal: false) / (m * n)
    let got = KernelDistance.unbiasedSquaredMMD(x, y)
    #expect(abs(got - expected) <= 1e-12 * abs(expected), "MMD²ᵤ \(got) vs definition \(expected) ± 1e-12 relative")
  }

  @Test func identicalSetsGiveNearlyZero() throws {
    // MMD²ᵤ(X, X) = (2/m)(mean off-diagonal k − mean diagonal k): zero up to a 1/m term.
    let x = try MetricTestData.gaussian(400, 8, seed: 23)
    let kernel = Self.kernel(x, x), m = 400.0
    let diagonal = (0..<400).reduce(0) { $0 + kernel[$1][$1] } / m
    let offDiagonal = Self.sum(kernel, offDiagonal: true) / (m * (m - 1))
    let expected = 2 / m * (offDiagonal - diagonal)
    let report = try KernelDistance(subsetCount: 1, subsetSize: 400).evaluate(real: x, fake: x.named("fake"))
    #expect(abs(report.mean - expected) <= 1e-12 * abs(expected), "KID(X, X) \(report.mean) vs \(expected)")
    #expect(abs(report.mean) <= 2 * diagonal / m, "KID(X, X) = \(report.mean) is not O(1/m)")
    #expect(report.standardDeviation == 0)
  }

  @Test func theEstimateIsUnbiased() throws {
    // Pairs of small independent sets from one distribution: the mean of MMD²ᵤ over many pairs
    // is 0 within 4 standard errors, while the biased estimate (1/m² over all pairs) sits well
    // above that band, so the check tells the two apart.
    let draws = 300, m = 12
    var unbiased: [Double] = [], biased: [Double] = []
    for draw in 0..<draws {
      let x = try MetricTestData.gaussian(m, 4, seed: UInt64(1_000 + 2 * draw)), y = try MetricTestData.gaussian(m, 4, seed: UInt64(1_001 + 2 * draw))
      unbiased.append(KernelDistance.unbiasedSquaredMMD(x, y))
      let size = Double(m * m)
      biased.append((Self.sum(Self.kernel(x, x), offDiagonal: false) + Self.sum(Self.kernel(y, y), offDiagonal: false)
        - 2 * Self.sum(Self.kernel(x, y), offDiagonal: false)) / size)
    }
    func meanAndError(_ values: [Double]) -> (Double, Double) {
      let mean = values.reduce(0, +) / Double(values.count)
      let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
      return (mean, (variance / Double(values.count)).squareRoot())
    }
    let (mean, error) = meanAndError(unbiased), (biasedMean, _) = meanAndError(biased)
    #expect(abs(mean) <= 4 * error, "mean MMD²ᵤ \(mean) is not 0 within 4 standard errors (\(4 * error))")
    #expect(biasedMean > 4 * error, "the biased estimate's mean \(biasedMean) should lie outside ±\(4 * error)")
  }

  @Test func subsetsAreSeededAndSpreadIsThePopulationDeviation() throws {
    let real = try MetricTestData.gaussian(60, 5, seed: 24, name: "real"), fake = try MetricTestData.gaussian(50, 5, mean: 0.2, seed: 25, name: "fake")
    let metric = KernelDistance(subsetCount: 4, subsetSize: 20, seed: 7)
    let report = try metric.evaluate(real: real, fake: fake)
    #expect(try metric.evaluate(real: real, fake: fake) == report)
    // The same draws by hand.
    var generator = SplitMix64(seed: 7)
    let values = (0..<4).map { _ in
      let x = real.rows(KernelDistance.draw(20, from: 60, using: &generator))
      let y = fake.rows(KernelDistance.draw(20, from: 50, using: &generator))
      return KernelDistance.unbiasedSquaredMMD(x, y)
    }
    let mean = values.reduce(0, +) / 4
    let deviation = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 4).squareRoot()
    #expect(abs(report.mean - mean) <= 1e-15 && abs(report.standardDeviation - deviation) <= 1e-15)
    #expect(Set(values).count == 4, "four different subsets")
  }

  @Test func drawsAreDistinctIndices() {
    var generator = SplitMix64(seed: 3)
    let indices = KernelDistance.draw(30, from: 31, using: &generator)
    #expect(Set(indices).count == 30 && indices.allSatisfy { (0..<31).contains($0) })
  }

  @Test func badInputIsAnErrorNamingTheProblem() throws {
    let real = try MetricTestData.gaussian(10, 3, seed: 26, name: "real"), fake = try MetricTestData.gaussian(30, 3, seed: 27, name: "fake")
    #expect(throws: MetricError.tooFewSamples(
      metric: "kernel distance", set: "real", count: 10, needed: 20, reason: "subsets of 20 drawn without replacement; choose a smaller subset size")) {
      try KernelDistance(subsetCount: 2, subsetSize: 20).evaluate(real: real, fake: fake)
    }
    #expect(throws: MetricError.invalidParameter(metric: "kernel distance", problem: "subsets of 1 samples; the unbiased estimate needs at least 2")) {
      try KernelDistance(subsetCount: 2, subsetSize: 1).evaluate(real: real, fake: fake)
    }
    #expect(throws: MetricError.invalidParameter(metric: "kernel distance", problem: "0 subsets; at least 1 is needed")) {
      try KernelDistance(subsetCount: 0, subsetSize: 5).evaluate(real: real, fake: fake)
    }
  }
}
