import Foundation
import Testing
import TensorBackend
import ZooEvaluation

@Suite struct ClassifierJudgementTests {
  static func logits(_ rows: [[Double]]) -> Tensor {
    Tensor(shape: [rows.count, rows[0].count], scalars: rows.flatMap { $0 })
  }

  @Test func predictionsTakeTheFirstLargestAndRefuseNonFiniteRows() {
    let predictions = ClassifierJudgement.predictions(fromLogits: Self.logits([
      [0.1, 2, -1],
      [5, 5, 1],  // a tie: the first
      [-3, -2, -1],
      [.nan, 9, 0],  // NaN: no class, not class 0
      [1, .infinity, 0],
    ]))
    #expect(predictions == [1, 0, 2, -1, -1])
  }

  @Test func histogramSharesAndExtremes() {
    // Three classes: 5, 3 and 2 samples out of 10.
    let logits = Self.logits(
      Array(repeating: [9.0, 0, 0], count: 5) + Array(repeating: [0.0, 9, 0], count: 3) + Array(repeating: [0.0, 0, 9], count: 2))
    let histogram = ClassifierJudgement.labelHistogram(predictions: ClassifierJudgement.predictions(fromLogits: logits), classCount: 3)
    #expect(histogram.sampleCount == 10 && histogram.counts == [5, 3, 2] && histogram.unclassifiedCount == 0)
    #expect(histogram.shares == [0.5, 0.3, 0.2])
    #expect(histogram.minimumShare == 0.2 && histogram.maximumShare == 0.5 && histogram.classesCovered == 3)
    #expect(histogram.isBalanced(within: 0.2...0.5))
    #expect(!histogram.isBalanced(within: 0.25...0.5))
  }

  @Test func histogramCountsMissingClassesAndUnclassifiedSamples() {
    let histogram = ClassifierJudgement.labelHistogram(predictions: [0, 0, 2, -1], classCount: 4)
    #expect(histogram.counts == [2, 0, 1, 0] && histogram.unclassifiedCount == 1 && histogram.sampleCount == 4)
    #expect(histogram.shares == [0.5, 0, 0.25, 0])
    #expect(histogram.classesCovered == 2 && histogram.minimumShare == 0 && histogram.maximumShare == 0.5)
    let empty = ClassifierJudgement.labelHistogram(predictions: [], classCount: 2)
    #expect(empty.shares == [0, 0] && empty.sampleCount == 0)
  }

  @Test func tenDigitsInTheAcceptanceBand() {
    // 10,000 samples, classes of 600…1,400 samples: shares 6 %…14 %, inside 5 %…15 %.
    let counts = [600, 1_400, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000]
    let predictions = counts.enumerated().flatMap { Array(repeating: $0.offset, count: $0.element) }
    let histogram = ClassifierJudgement.labelHistogram(predictions: predictions, classCount: 10)
    #expect(histogram.classesCovered == 10 && abs(histogram.minimumShare - 0.06) <= 1e-12 && abs(histogram.maximumShare - 0.14) <= 1e-12)
    #expect(histogram.isBalanced(within: 0.05...0.15))
  }

  @Test func conditionalAccuracyPerClass() {
    // Asked for 0 four times (3 right), for 1 twice (both right, one logit row is NaN → wrong),
    // never for 2.
    let logits = Self.logits([
      [9, 0, 0], [9, 0, 0], [9, 0, 0], [0, 0, 9],
      [0, 9, 0], [0, 9, 0], [.nan, 0, 0],
    ])
    let requested = [0, 0, 0, 0, 1, 1, 1]
    let report = ClassifierJudgement.conditionalAccuracy(
      predictions: ClassifierJudgement.predictions(fromLogits: logits), requestedLabels: requested, classCount: 3)
    #expect(report.requestedCounts == [4, 3, 0])
    #expect(report.confusion == [[3, 0, 1], [0, 2, 0], [0, 0, 0]])
    #expect(report.unclassifiedCounts == [0, 1, 0])
    #expect(report.accuracies[0] == 0.75 && report.accuracies[1] == 2.0 / 3 && report.accuracies[2] == nil)
    #expect(report.minimumAccuracy == 2.0 / 3)
    #expect(report.overallAccuracy == 5.0 / 7)
  }

  @Test func reportsRoundTripThroughJSON() throws {
    let histogram = ClassifierJudgement.labelHistogram(predictions: [0, 1, 1, -1], classCount: 3)
    let accuracy = ClassifierJudgement.conditionalAccuracy(predictions: [0, 1, 0], requestedLabels: [0, 1, 1], classCount: 3)
    let encoder = JSONEncoder()
    #expect(try JSONDecoder().decode(LabelHistogram.self, from: encoder.encode(histogram)) == histogram)
    let decoded = try JSONDecoder().decode(ConditionalAccuracy.self, from: encoder.encode(accuracy))
    #expect(decoded == accuracy && decoded.accuracies[2] == nil)
    #expect(histogram.description.hasPrefix("classes 2/3"))
    #expect(accuracy.description.hasPrefix("lowest 50.0%"))
  }

  /// The report holds runs to their bar: every share within ½ and 1½ times 1/K unconditionally;
  /// every class drawn as asked at least the target share of the time conditionally.
  @Test func shortfallsHoldRunsToTheirBar() {
    let even = ClassifierJudgementReport(classifierDataset: "mnist", classifierTestAccuracy: 0.99, histogram: LabelHistogram(counts: Array(repeating: 100, count: 10)), conditional: nil)
    #expect(even.shortfalls(targetAccuracy: 0.95).isEmpty)
    // 4.8% of the samples for digit 3: below half the uniform share.
    var counts = Array(repeating: 106, count: 10)
    counts[3] = 48
    counts[0] += 4
    let short = ClassifierJudgementReport(classifierDataset: "mnist", classifierTestAccuracy: 0.99, histogram: LabelHistogram(counts: counts), conditional: nil)
    let shortfalls = short.shortfalls(targetAccuracy: 0.95)
    #expect(shortfalls.count == 1 && shortfalls[0].hasPrefix("class 3 has 4.8%"))

    // Conditional: every class at least the target; class 1 drawn as asked 90 times in 100.
    let conditional = ConditionalAccuracy(confusion: [[98, 2], [10, 90]], unclassifiedCounts: [0, 0])
    let report = ClassifierJudgementReport(classifierDataset: "x", classifierTestAccuracy: nil, histogram: LabelHistogram(counts: [108, 92]), conditional: conditional)
    #expect(report.shortfalls(targetAccuracy: 0.9).isEmpty)
    #expect(report.shortfalls(targetAccuracy: 0.95) == ["class 1 drawn as asked 90.0% of the time, below 95.0%"])
  }
}
