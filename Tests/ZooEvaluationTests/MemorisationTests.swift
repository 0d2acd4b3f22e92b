import Foundation
import Testing
import TensorBackend
@testable import ZooEvaluation

@Suite struct MemorisationTests {
  @Test func quantilesInterpolateAsNumpy() {
    // numpy.percentile([3, 1, 4, 1, 5, 9, 2, 6], [1, 25, 50, 95]) = [1, 1.75, 3.5, 7.95].
    let summary = DistanceSummary([3, 1, 4, 1, 5, 9, 2, 6])
    #expect(abs(summary.percentile1 - 1) <= 1e-12 && abs(summary.percentile25 - 1.75) <= 1e-12)
    #expect(abs(summary.median - 3.5) <= 1e-12 && abs(summary.percentile95 - 7.95) <= 1e-12, "\(summary)")
    #expect(summary.minimum == 1 && summary.maximum == 9 && summary.mean == 31.0 / 8)
  }

  @Test func freshSamplesLookLikeTestDataAndCopiesDoNot() throws {
    let training = try MetricTestData.gaussian(2_000, 5, seed: 51, name: "training")
    let test = try MetricTestData.gaussian(1_000, 5, seed: 52, name: "test")
    let fresh = try MetricTestData.gaussian(1_000, 5, seed: 53, name: "samples")
    let report = try Memorisation().evaluate(samples: fresh, training: training, test: test)
    let ratio = try #require(report.medianRatio)
    #expect(abs(ratio - 1) <= 0.1, "fresh samples: median ratio \(ratio), expected 1 ± 0.1")
    #expect(report.closeShare <= 0.03 && report.exactCopyCount == 0, "fresh samples: close share \(report.closeShare)")

    // Half the samples copy training rows: half are at distance 0, below every test distance.
    var rows = (0..<500).map { training.row($0 * 3) }
    rows += (500..<1_000).map { fresh.row($0) }
    let copies = try MetricTestData.rows(rows, name: "samples")
    let copied = try Memorisation().evaluate(samples: copies, training: training, test: test)
    #expect(copied.exactCopyCount == 500)
    #expect(copied.closeShare >= 0.5 && copied.closeShare <= 0.53, "copies: close share \(copied.closeShare), expected 0.5 plus about 1 %")
    #expect(copied.sampleDistances.minimum == 0 && copied.testDistances == report.testDistances)
  }

  @Test func medianRatioIsTheRatioOfMedians() throws {
    let training = try MetricTestData.rows([[0], [10]], name: "training")
    let test = try MetricTestData.rows([[1], [2], [4]], name: "test")  // distances 1, 2, 4: median 2
    let samples = try MetricTestData.rows([[0.5], [9], [10]], name: "samples")  // 0.5, 1, 0: median 0.5
    let report = try Memorisation().evaluate(samples: samples, training: training, test: test)
    #expect(report.medianRatio == 0.25, "median ratio \(String(describing: report.medianRatio)) vs 0.5 / 2")
    // 1st percentile of (1, 2, 4): 1 + 0.02 · (2 − 1) = 1.02; samples below it: 0.5, 1 and 0.
    #expect(abs(report.testFirstPercentile - 1.02) <= 1e-12 && report.closeShare == 1)
  }
}
