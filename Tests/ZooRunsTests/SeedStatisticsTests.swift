import Foundation
import Testing
import ZooCore
@testable import ZooRuns

/// Mean ± standard deviation over seeds, against figures worked by hand, and as a results table
/// writes them.
@Suite struct SeedStatisticsTests {
  @Test func meanAndSampleStandardDeviationByHand() throws {
    // 8, 8, 4: mean 20/3; deviations 4/3, 4/3, −8/3; squares 16/9 + 16/9 + 64/9 = 96/9;
    // over n − 1 = 2: 48/9 = 16/3; standard deviation √(16/3) = 2.3094….
    let modes = try #require(SeedStatistics([8, 8, 4]))
    #expect(abs(modes.mean - 20.0 / 3) <= 1e-12)
    #expect(abs(modes.standardDeviation! - (16.0 / 3).squareRoot()) <= 1e-12)
    #expect(abs(modes.standardDeviation! - 2.309401076758503) <= 1e-12)
    // 73.4, 68.9, 27.8: mean 170.1/3 = 56.7; deviations 16.7, 12.2, −28.9; squares 278.89,
    // 148.84, 835.21, sum 1262.94; over 2: 631.47; √ = 25.1290….
    let share = try #require(SeedStatistics([73.4, 68.9, 27.8]))
    #expect(abs(share.mean - 56.7) <= 1e-12)
    #expect(abs(share.standardDeviation! - 631.47.squareRoot()) <= 1e-9)
    let one = try #require(SeedStatistics([0.5]))
    #expect(one.mean == 0.5 && one.standardDeviation == nil)
    #expect(SeedStatistics([]) == nil)
  }

  /// A summary of seed `seed` with the given mode-coverage figures.
  static func summary(_ name: String, seed: UInt64, covered: Int, highQuality: Double, reverseKL: Double?) throws -> RunSummary {
    var report: [String: JSONValue] = [
      "modeCount": .number(8), "modesCovered": .number(Double(covered)), "highQualityFraction": .number(highQuality),
    ]
    report["reverseKLDivergence"] = reverseKL.map(JSONValue.number) ?? .null
    let configuration = RunConfiguration(
      variant: "gan", dataset: "ring8", dataRoot: nil, objective: "non-saturating", data: nil, classNames: nil, steps: 100, batchSize: 64,
      seed: seed, sampleInterval: 10, checkpointInterval: 5, configuration: .object([:]), commandLine: [], sourceCommit: nil, created: "")
    let session = RunSessions.Session(
      started: "2025-01-01T00:00:00Z", seconds: 60, fromStep: 0, toStep: 100, commit: "0123456789abcdef", modified: false,
      machine: "Test CPU", threads: 2)
    return RunSummary(
      run: name, configuration: ResolvedConfiguration(configuration), status: .finished, stepsTrained: 100, trainingSeconds: 50,
      sessions: [session], metrics: MetricsFile(variant: "gan", dataset: "ring8", objective: "non-saturating", step: 100, metrics: ["mode-coverage": .object(report)]),
      shortfalls: covered < 8 ? ["modes covered \(covered)/8"] : [])
  }

  @Test func aTableRowShowsMeanAndDeviationOfItsSeeds() throws {
    let table = TableSpecification(
      id: "ring", title: "Ring", variants: ["gan"], datasets: ["ring8"], seeds: [0, 1, 2], steps: 100, batchSize: 64,
      metrics: ["modes-covered", "high-quality", "reverse-kl"], figures: false)
    let specification = ResultsSpecification(title: "T", tables: [table])
    let experiments = try specification.experiments(registry: testRegistry)
    let figures: [(Int, Double, Double?)] = [(8, 0.734, 0.016), (8, 0.689, 0.010), (4, 0.278, nil)]
    var summaries: [String: RunSummary] = [:]
    for (experiment, figure) in zip(experiments, figures) {
      summaries[experiment.name] = try Self.summary(experiment.name, seed: experiment.seed, covered: figure.0, highQuality: figure.1, reverseKL: figure.2)
    }
    let document = try ResultsDocument(specification: specification, registry: testRegistry, summaries: summaries).render()
    // Split on "|", leaving out the empty pieces before the first and after the last.
    let row = try #require(document.split(separator: "\n").first { $0.hasPrefix("| `gan`") }).split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
    // 0.016 and 0.010: mean 0.013, standard deviation √(2 × 0.003²) = 0.00424.
    #expect(row == [
      "`gan`", "`ring8`", "`non-saturating`", "100 × 64", "0, 1, 2", "6.7 ± 2.3 of 8", "56.7 ± 25.1%", "0.013 ± 0.004 (2 of 3 seeds)",
      "1 min 0 s", "`0123456`", "m1", "✗ seed 2: modes covered 4/8",
    ])
    #expect(document.contains("| m1 | Test CPU | 2 |"))

    // A seed that misses many bars (a conditional model can miss one per class) shows its
    // first two and counts the rest; one that misses three shows them all.
    let last = experiments[2].name
    summaries[last]!.shortfalls = (0..<5).map { "class \($0) drawn as asked 1.0% of the time, below 95.0%" }
    let many = try ResultsDocument(specification: specification, registry: testRegistry, summaries: summaries).render()
    #expect(many.contains(
      "| ✗ seed 2: class 0 drawn as asked 1.0% of the time, below 95.0%, class 1 drawn as asked 1.0% of the time, below 95.0%, 3 more |"))
    summaries[last]!.shortfalls = ["a", "b", "c"]
    let three = try ResultsDocument(specification: specification, registry: testRegistry, summaries: summaries).render()
    #expect(three.contains("| ✗ seed 2: a, b, c |"))
  }
}
