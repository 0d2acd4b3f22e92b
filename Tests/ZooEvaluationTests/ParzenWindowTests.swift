import Foundation
import Testing
import TensorBackend
@testable import ZooEvaluation

@Suite struct ParzenWindowTests {
  /// log((1/M) Σⱼ exp(−‖x − μⱼ‖² / (2σ²))) − D log(σ √(2π)), summed term by term.
  static func directLogDensity(_ x: [Double], _ samples: [[Double]], sigma: Double) -> Double {
    let sum = samples.reduce(0) { total, mu in
      total + exp(-zip(x, mu).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / (2 * sigma * sigma))
    }
    return log(sum / Double(samples.count)) - Double(x.count) * log(sigma * (2 * Double.pi).squareRoot())
  }

  @Test func matchesADirectSumOnATinySet() throws {
    let samples = try MetricTestData.gaussian(5, 3, standardDeviation: 0.5, seed: 41, name: "samples")
    let validation = try MetricTestData.gaussian(4, 3, standardDeviation: 0.5, seed: 42, name: "validation")
    let test = try MetricTestData.gaussian(6, 3, standardDeviation: 0.5, seed: 43, name: "test")
    let grid = [0.1, 0.3, 1.0]
    let mus = (0..<5).map { samples.row($0) }
    let validationMeans = grid.map { sigma in (0..<4).reduce(0) { $0 + Self.directLogDensity(validation.row($1), mus, sigma: sigma) } / 4 }
    let best = validationMeans.indices.max { validationMeans[$0] < validationMeans[$1] }!
    let direct = (0..<6).map { Self.directLogDensity(test.row($0), mus, sigma: grid[best]) }
    let mean = direct.reduce(0, +) / 6
    let standardError = (direct.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 6).squareRoot() / 6.0.squareRoot()

    let report = try ParzenWindow(sigmaGrid: grid).evaluate(samples: samples, validation: validation, test: test)
    #expect(report.sigma == grid[best])
    for (got, want) in zip(report.validationLogLikelihoods, validationMeans) {
      #expect(abs(got - want) <= 1e-10 * abs(want), "validation mean \(got) vs direct \(want) ± 1e-10 relative")
    }
    #expect(abs(report.logLikelihood - mean) <= 1e-10 * abs(mean), "test mean \(report.logLikelihood) vs direct \(mean) ± 1e-10 relative")
    #expect(abs(report.standardError - standardError) <= 1e-10 * standardError, "standard error \(report.standardError) vs \(standardError)")
  }

  @Test func logSumExpSurvivesWhereTheDirectSumUnderflows() throws {
    // One sample at distance 10 with σ = 0.01: exp(−500,000) is 0 in float64, but the log
    // density is exactly −d²/(2σ²) − D log(σ√(2π)).
    let samples = try MetricTestData.rows([[0, 0]], name: "samples"), points = try MetricTestData.rows([[6, 8]], name: "test")
    let value = try ParzenWindow.logDensities(of: points, samples: samples, sigmas: [0.01])[0][0]
    let expected = -100 / (2 * 0.0001) - 2 * log(0.01 * (2 * Double.pi).squareRoot())
    #expect(Self.directLogDensity([6, 8], [[0, 0]], sigma: 0.01) == -.infinity)
    #expect(abs(value - expected) <= 1e-12 * abs(expected), "log density \(value) vs \(expected)")
  }

  @Test func theGridIsNumpyLogspace() {
    // numpy.logspace(-1, 0, 10)
    let numpy = [0.1, 0.12915496650148839, 0.16681005372000587, 0.21544346900318834, 0.2782559402207124,
                 0.35938136638046275, 0.46415888336127786, 0.5994842503189409, 0.7742636826811272, 1.0]
    for (got, want) in zip(ParzenWindow.goodfellowGrid, numpy) {
      #expect(abs(got - want) <= 4e-16 * want, "grid entry \(got) vs numpy's \(want)")
    }
  }

  @Test func badInputIsAnErrorNamingTheProblem() throws {
    let samples = try MetricTestData.gaussian(3, 2, seed: 44, name: "samples"), empty = try FeatureMatrix(Tensor.zeros([0, 2]), name: "test")
    #expect(throws: MetricError.tooFewSamples(metric: "Parzen-window log-likelihood", set: "test", count: 0, needed: 1, reason: "a density needs points")) {
      try ParzenWindow().evaluate(samples: samples, validation: samples.named("validation"), test: empty)
    }
    #expect(throws: MetricError.invalidParameter(metric: "Parzen-window log-likelihood", problem: "window width σ = 0.0 must be positive and finite")) {
      try ParzenWindow(sigmaGrid: [0.1, 0]).evaluate(samples: samples, validation: samples, test: samples)
    }
    #expect(throws: MetricError.dimensionMismatch(first: "test", firstDimension: 3, second: "samples", secondDimension: 2)) {
      try ParzenWindow().evaluate(samples: samples, validation: samples, test: try MetricTestData.gaussian(3, 3, seed: 45, name: "test"))
    }
  }
}
