import ArgumentParser
import Foundation
import TensorBackend
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
  var workload: String?

  @Flag(help: "Describe the machine and the kernels in use, and measure the matrix-product rate against the multiply-add ceiling.")
  var system = false

  @Option(name: .customLong("gemm-size"), help: "With --system: M = N = K of the measured matrix product.")
  var gemmSize = 2048

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
    if system {
      guard workload == nil else { throw UsageError("give a workload or --system, not both") }
      guard gemmSize > 0 else { throw UsageError("--gemm-size must be positive") }
      return try runSystem()
    }
    guard let workload else {
      throw UsageError("name a workload (\(allBenchmarkWorkloads.map { $0.name }.joined(separator: ", "))) or give --system")
    }
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
    if let json { try appendJSONLine(record, to: json) }
  }

  /// `zoo bench --system`: the CPU, the kernels and libraries in use, the measured matrix-product
  /// rate and the machine's multiply-add ceiling.
  private func runSystem() throws {
    let report = BackendReport.current()
    print("CPU:             \(report.cpuModel) (\(report.cpuVendor), \(report.cpuSignature))")
    print("CPU features:    \(report.cpuFeatures.joined(separator: " "))")
    print("threads:         \(report.threads)")
    print("kernels:         \(report.kernelPath); float32 products and convolutions on oneDNN \(report.oneDNNVersion) (JIT for \(report.oneDNNInstructionSet)); loops compiled for \(report.loopInstructionSet)")
    print("float64:         OpenBLAS, core \(report.openBLASCore) (named by the CPU's features), for gradient checks and metrics")
    let ceiling = BackendReport.measureMultiplyAddCeiling()
    print(String(format: "FMA ceiling:     %.0f GFLOP/s (%d threads, independent multiply-adds on the widest vectors)", ceiling, report.threads))
    let n = gemmSize
    let rate = BackendReport.measureMatrixProduct(m: n, n: n, k: n)
    print(String(format: "matmul %d³:    %.0f GFLOP/s, %.0f%% of the ceiling", n, rate, 100 * rate / ceiling))
    if rate < 0.5 * ceiling {
      print("note: the matrix product runs at under half the ceiling; check that no other process holds the cores")
    }
    if let json {
      try appendJSONLine(SystemRecord(backend: report, fma_ceiling_gflops: (ceiling * 10).rounded() / 10,
                                      gemm_size: n, gemm_gflops: (rate * 10).rounded() / 10,
                                      time: ISO8601DateFormatter().string(from: Date())), to: json)
    }
  }

  private func appendJSONLine(_ value: some Encodable, to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var line = try encoder.encode(value)
    line.append(0x0A)
    let url = URL(fileURLWithPath: path)
    if let handle = try? FileHandle(forWritingTo: url) {
      try handle.seekToEnd()
      try handle.write(contentsOf: line)
      try handle.close()
    } else {
      try line.write(to: url)
    }
  }
}

/// `zoo bench --system --json`: the machine and its measured rates.
struct SystemRecord: Codable {
  var backend: BackendReport
  var fma_ceiling_gflops: Double
  var gemm_size: Int
  var gemm_gflops: Double
  var time: String
}
