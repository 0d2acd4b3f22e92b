import Foundation
import Testing
import ZooCore
@testable import ZooRuns

/// A likelihood model's held-out bound as RESULTS.md shows it: read from the loss log's `test_`
/// columns into the run summary, its final figures read from metrics.json's arrays of named
/// bounds, and rendered after the table as one line per term and one column per epoch.
@Suite struct HeldOutCurveTests {
  /// A loss log of 6 steps of 100 samples on an epoch of 250, measured after epochs 1 and 2
  /// (steps 3 and 5) and after the last step.
  static let log = LossLog.Contents(
    columns: ["step", "images_seen", "seconds", "loss_reconstruction", "test_negative_elbo", "test_kl"],
    rows: [
      [1, 100, 0.1, 9, .nan, .nan], [2, 200, 0.2, 8, .nan, .nan], [3, 300, 0.3, 7, 120, 20],
      [4, 400, 0.4, 6, .nan, .nan], [5, 500, 0.5, 5, 110, 22], [6, 600, 0.6, 4, 105, 23],
    ])

  @Test func theCurveKeepsTheMeasuredStepsOfTheTestColumns() throws {
    let curve = try #require(HeldOutCurve(Self.log, epochSize: 250))
    #expect(curve.terms == ["negative_elbo", "kl"])
    #expect(curve.points == [
      HeldOutCurve.Point(step: 3, imagesSeen: 300, values: [120, 20]), HeldOutCurve.Point(step: 5, imagesSeen: 500, values: [110, 22]),
      HeldOutCurve.Point(step: 6, imagesSeen: 600, values: [105, 23]),
    ])
    #expect(curve.epochs == [1, 2, 2])
    #expect(HeldOutCurve(Self.log, epochSize: nil)?.epochs == nil)
    // A GAN's log has no test columns.
    let gan = LossLog.Contents(columns: ["step", "images_seen", "seconds", "loss_discriminator"], rows: [[1, 64, 0.1, 1.3]])
    #expect(HeldOutCurve(gan, epochSize: 60_000) == nil)
  }

  /// metrics.json's held-out report as the VAE writes it: bounds in an array of named estimates.
  static func metrics(negativeELBO: Double, negativeLogLikelihood: Double) -> MetricsFile {
    let bound: [JSONValue] = [("negative_elbo", negativeELBO), ("kl", 25.0)].map { name, mean in
      .object(["name": .string(name), "estimate": .object(["mean": .number(mean), "standardError": .number(0.2)])])
    }
    let report: JSONValue = .object([
      "bound": .array(bound), "negativeLogLikelihood": .object(["mean": .number(negativeLogLikelihood), "standardError": .number(0.8)]),
    ])
    return MetricsFile(variant: "vae", dataset: "mnist", objective: nil, step: 6, metrics: ["held-out-likelihood": report])
  }

  @Test func columnsReadBoundsByNameOrIndex() throws {
    let file = Self.metrics(negativeELBO: 105.65, negativeLogLikelihood: 99.93)
    let standard = Dictionary(uniqueKeysWithValues: ResultMetric.standard.map { ($0.name, $0) })
    #expect(try #require(standard["test-bound"]).value(in: file) == 105.65)
    #expect(try #require(standard["test-nll"]).value(in: file) == 99.93)
    var byIndex = try #require(standard["test-bound"])
    byIndex.field = "bound.1.estimate.mean"
    #expect(byIndex.value(in: file) == 25)
    byIndex.field = "bound.2.estimate.mean"
    #expect(byIndex.value(in: file) == nil)
    byIndex.field = "bound.reconstruction.estimate.mean"
    #expect(byIndex.value(in: file) == nil)
  }

  @Test func theTableIsFollowedByTheBoundAfterEveryEpoch() throws {
    let table = TableSpecification(
      id: "digits", title: "Digits", variants: ["gan"], datasets: ["ring8"], seeds: [0, 1], steps: 6, batchSize: 100, metrics: [],
      figures: false, heldOut: true)
    let specification = ResultsSpecification(title: "T", tables: [table])
    let experiments = try specification.experiments(registry: testRegistry)
    var summaries: [String: RunSummary] = [:]
    for (experiment, shift) in zip(experiments, [0.0, 2.0]) {
      var summary = try SeedStatisticsTests.summary(experiment.name, seed: experiment.seed, covered: 8, highQuality: 1, reverseKL: 0)
      var log = Self.log
      log.rows = log.rows.map { row in row.enumerated().map { $0.offset >= 4 ? $0.element + shift : $0.element } }
      summary.heldOut = HeldOutCurve(log, epochSize: 300)
      summaries[experiment.name] = summary
    }
    let document = try ResultsDocument(specification: specification, registry: testRegistry, summaries: summaries).render()
    // Seeds 0 and 2 nats apart: mean +1, standard deviation √2 = 1.41.
    #expect(document.contains("seeds 0, 1); its training steps took 50 s a run"))
    #expect(document.contains("| after epoch | 1 | 1 | 2 |\n|---|---|---|---|\n| `negative_elbo` | 121.00 ± 1.41 | 111.00 ± 1.41 | 106.00 ± 1.41 |\n"
      + "| `kl` | 21.00 ± 1.41 | 23.00 ± 1.41 | 24.00 ± 1.41 |\n"))
    // Without the option, no such lines.
    var plain = specification
    plain.tables[0].heldOut = nil
    #expect(!(try ResultsDocument(specification: plain, registry: testRegistry, summaries: summaries).render()).contains("after epoch"))
  }
}
