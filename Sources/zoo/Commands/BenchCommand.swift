import ArgumentParser
import Foundation

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
  @Option var windows = 5
  @Option(name: .customLong("window-seconds")) var windowSeconds = 2.0
  @Option var seed: UInt64 = 0

  @Option(help: "Append the result as one JSON line to this file.")
  var json: String?

  func run() throws {
    let type = try NameLookup.find(workload, in: allBenchmarkWorkloads.map { ($0.name, $0) }, kind: "workload")
    let batchSize = batch ?? type.defaultBatchSize
    guard batchSize > 0, sampleCount > 0, windows > 0 else { throw UsageError("--batch, --sample-count and --windows must be positive") }
    let instance = try type.init(batchSize: batchSize, seed: seed)
    var failure: Error?
    let items = mode == .train ? batchSize : sampleCount
    let measurement = ThroughputMeasurement.measure(
      itemsPerCall: items, warmupSeconds: warmupSeconds, warmupCalls: warmupSteps, windows: windows, windowSeconds: windowSeconds
    ) {
      guard failure == nil else { return }
      do {
        if mode == .train { try instance.trainStep() } else { instance.sample(count: sampleCount) }
      } catch {
        failure = error
      }
    }
    if let failure { throw failure }
    let median = measurement.median
    let record = BenchmarkRecord(
      workload: type.name, mode: mode.rawValue, batch: items, img_per_s_median: (median * 100).rounded() / 100,
      img_per_s_min: measurement.windowRates.min()!, img_per_s_max: measurement.windowRates.max()!,
      ms_per_call_median: (1000 * Double(items) / median * 1000).rounded() / 1000,
      peak_rss_mib: (ThroughputMeasurement.peakResidentMiB() * 10).rounded() / 10,
      window_rates: measurement.windowRates.map { ($0 * 100).rounded() / 100 }, calls_per_window: measurement.callsPerWindow,
      warmup_calls: measurement.warmupCalls, implementation: "gan-zoo",
      openblas_coretype: ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"],
      time: ISO8601DateFormatter().string(from: Date()))
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

/// One benchmark result, with the reference's JSON keys.
struct BenchmarkRecord: Codable {
  var workload: String
  var mode: String
  var batch: Int
  var img_per_s_median: Double
  var img_per_s_min: Double
  var img_per_s_max: Double
  var ms_per_call_median: Double
  var peak_rss_mib: Double
  var window_rates: [Double]
  var calls_per_window: Int
  var warmup_calls: Int
  var implementation: String
  var openblas_coretype: String?
  var time: String
}
