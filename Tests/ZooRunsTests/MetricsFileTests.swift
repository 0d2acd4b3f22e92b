import Foundation
import TensorBackend
import Testing
import ZooEvaluation
import ZooRuns
import _TestSupport

@Suite struct MetricsFileTests {
  /// Reports by key; a metric's own type reads its report back.
  @Test func reportsByKeyRoundTrip() throws {
    let folder = TemporaryFolder()
    let report = ModeCoverage(centers: [[0, 0], [3, 3]], standardDeviation: 0.1).evaluate(Tensor(shape: [2, 2], scalars: [0, 0.01, 3, 3] as [Double]))
    var file = MetricsFile(variant: "gan", dataset: "ring8", objective: nil, step: 7)
    file.metrics["mode-coverage"] = try JSONValue(encoding: report)
    file.metrics["someday"] = .object(["value": .number(1)])
    let url = folder.url.appendingPathComponent("metrics.json")
    try file.write(to: url)
    let read = try MetricsFile.read(from: url)
    #expect(read == file)
    #expect(try read.report("mode-coverage", as: ModeCoverageReport.self) == report)
    #expect(try read.report("absent", as: ModeCoverageReport.self) == nil)
    #expect(!String(decoding: try Data(contentsOf: url), as: UTF8.self).contains("objective"))
  }

  /// Files written before the schema was opened read as the same reports under today's keys.
  @Test func filesOfTheEarlierSchemaRead() throws {
    let folder = TemporaryFolder()
    let text = #"{"variant": "cgan", "dataset": "mnist", "objective": "least-squares", "modeCoverage": null, "classifier": {"labelHistogram": {"counts": [1]}}}"#
    folder.write(Array(text.utf8), to: "metrics.json")
    let file = try MetricsFile.read(from: folder.url.appendingPathComponent("metrics.json"))
    #expect(file.objective == "least-squares" && file.step == nil)
    #expect(Array(file.metrics.keys) == ["classifier-judgement"])
  }
}
