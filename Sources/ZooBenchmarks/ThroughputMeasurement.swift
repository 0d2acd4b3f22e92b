import Foundation

/// Images per second of a repeated call, measured the way `shared/bench/reference.py` measures
/// PyTorch, so the two can be compared line by line: warm up for at least `warmupSeconds` and
/// `warmupCalls`, size a window to last at least `windowSeconds`, then time `windows` windows.
public struct ThroughputMeasurement: Codable {
  public var windowRates: [Double]
  public var callsPerWindow: Int
  public var warmupCalls: Int

  public var median: Double {
    let sorted = windowRates.sorted()
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  }

  public static func measure(
    itemsPerCall: Int, warmupSeconds: Double, warmupCalls: Int, windows: Int, windowSeconds: Double,
    _ call: () -> Void
  ) -> ThroughputMeasurement {
    let warmupEnd = now() + warmupSeconds
    var calls = 0
    while calls < warmupCalls || now() < warmupEnd {
      call()
      calls += 1
    }
    let start = now()
    call()
    let single = max(now() - start, 1e-9)
    let perWindow = max(1, Int((windowSeconds / single).rounded(.up)))
    var rates: [Double] = []
    for _ in 0..<windows {
      let t0 = now()
      for _ in 0..<perWindow { call() }
      rates.append(Double(perWindow * itemsPerCall) / (now() - t0))
    }
    return ThroughputMeasurement(windowRates: rates, callsPerWindow: perWindow, warmupCalls: calls + 1)
  }

  public static func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
  }

  /// The process's peak resident set size in MiB (Linux reports ru_maxrss in KiB).
  public static func peakResidentMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
  }
}
