import ArgumentParser
import Foundation
import ZooBenchmarks
import ZooRuns

/// `zoo bench <workload>`: times the canonical workloads of `shared/bench/reference.py` and
/// prints the same figures (and JSON keys) as the PyTorch reference, so the two compare directly.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench", abstract: "Time a reference workload's training step or sampling (same protocol and JSON keys as shared/bench/reference.py).")

  enum Mode: String, ExpressibleByArgument, CaseIterable {
    case train
    case sample
  }

  @Argument(help: "The workload: \(allBenchmarkWorkloads.map { $0.name }.joined(separator: ", ")).")
  var workload: String

  @Option(help: "train: a full training step; sample: drawing --sample-count images.")
  var mode: Mode = .train

  @Option(help: "Batch size (default: the workload's reference batch).")
  var batch: Int?

  @Option(name: .customLong("sample-count"), help: "Images per sampling call.")
  var sampleCount = 1000

  @Option(name: .customLong("warmup-seconds")) var warmupSeconds = 2.0
  @Option(name: .customLong("warmup-steps")) var warmupSteps = 5
  @OptionGroup var measurement: MeasurementOptions
  @Option var seed: UInt64 = 0

  @Option(help: "Append the result as one JSON line to this file.")
  var json: String?

  func run() throws {
    let type = try NameLookup.find(workload, in: allBenchmarkWorkloads.map { ($0.name, $0) }, kind: "workload")
    let batchSize = batch ?? type.defaultBatchSize
    guard batchSize > 0, sampleCount > 0, measurement.windows > 0 else { throw UsageError("--batch, --sample-count and --windows must be positive") }
    let instance = try type.init(batchSize: batchSize, seed: seed)
    var failure: Error?
    let items = mode == .train ? batchSize : sampleCount
    let timing = ThroughputMeasurement.measure(
      itemsPerCall: items, warmupSeconds: warmupSeconds, warmupCalls: warmupSteps, windows: measurement.windows,
      windowSeconds: measurement.windowSeconds ?? 2
    ) {
      guard failure == nil else { return }
      do {
        if mode == .train { try instance.trainStep() } else { instance.sample(count: sampleCount) }
      } catch {
        failure = error
      }
    }
    if let failure { throw failure }
    let record = BenchmarkRecord(workload: type.name, mode: mode.rawValue, items: items, measurement: timing)
    let median = timing.median
    print(String(format: "%-11@ %-6@ batch %4d: %9.1f img/s (min %.1f, max %.1f), %8.2f ms/%@, peak RSS %.0f MiB",
                 record.workload, record.mode, record.batch, median, record.img_per_s_min, record.img_per_s_max,
                 record.ms_per_call_median, mode == .train ? "step" : "call", record.peak_rss_mib))
    if let json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      var line = try encoder.encode(record)
      line.append(0x0A)
      let url = URL(fileURLWithPath: json)
      if let handle = try? FileHandle(forWritingTo: url) {
        try handle.seekToEnd()
        try handle.write(contentsOf: line)
        try handle.close()
      } else {
        try line.write(to: url)
      }
    }
  }
}
