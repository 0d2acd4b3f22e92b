import Foundation
import TensorBackend

/// One benchmark result, with the reference's JSON keys.
public struct BenchmarkRecord: Codable {
  public var workload: String
  public var mode: String
  public var batch: Int
  public var img_per_s_median: Double
  public var img_per_s_min: Double
  public var img_per_s_max: Double
  public var ms_per_call_median: Double
  public var peak_rss_mib: Double
  public var window_rates: [Double]
  public var calls_per_window: Int
  public var warmup_calls: Int
  public var implementation: String
  public var openblas_coretype: String?
  public var time: String
  /// The CPU and the kernels the figures were measured on.
  public var backend: BackendReport

  /// The record of `measurement`, `items` images per call of `workload` in `mode`, rounded as the
  /// reference rounds.
  public init(workload: String, mode: String, items: Int, measurement: ThroughputMeasurement) {
    let median = measurement.median
    self.workload = workload
    self.mode = mode
    batch = items
    img_per_s_median = (median * 100).rounded() / 100
    img_per_s_min = measurement.windowRates.min()!
    img_per_s_max = measurement.windowRates.max()!
    ms_per_call_median = (1000 * Double(items) / median * 1000).rounded() / 1000
    peak_rss_mib = (ThroughputMeasurement.peakResidentMiB() * 10).rounded() / 10
    window_rates = measurement.windowRates.map { ($0 * 100).rounded() / 100 }
    calls_per_window = measurement.callsPerWindow
    warmup_calls = measurement.warmupCalls
    implementation = "gan-zoo"
    openblas_coretype = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"]
    time = ISO8601DateFormatter().string(from: Date())
    backend = BackendReport.current()
  }
}
