import Synchronization

/// A coarse profiler for finding where a training step spends its time: with `GAN_ZOO_PROFILE=1`
/// in the environment, every op (and every named phase marked with `mark(_:)`, such as an
/// optimizer step) is charged the wall time since the previous op or mark, per name ("linear",
/// "conv2d/nograd" for ops run without recording), and the table prints to standard output
/// when the process exits. A backward rule's kernels are charged to the next op the backward
/// pass runs, so read the backward pass's lines together. Off (the default), it costs one
/// branch per op.
public enum OperationTimer {
  /// Whether `GAN_ZOO_PROFILE` is set.
  public static let isEnabled = getenv("GAN_ZOO_PROFILE") != nil

  private struct State {
    var last = 0.0
    var totals: [String: (seconds: Double, count: Int)] = [:]
    var reportsAtExit = false
  }

  private static let state = Mutex(State())

  /// Charges the time since the previous mark to `name`.
  public static func mark(_ name: String) {
    guard isEnabled else { return }
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    let now = Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    let first = state.withLock { state -> Bool in
      if state.last > 0 {
        let entry = state.totals[name] ?? (0, 0)
        state.totals[name] = (entry.seconds + now - state.last, entry.count + 1)
      }
      state.last = now
      defer { state.reportsAtExit = true }
      return !state.reportsAtExit
    }
    if first { atexit { OperationTimer.printReport() } }
  }

  /// The table so far: name, milliseconds, share, calls; most expensive first.
  public static func report() -> String {
    let totals = state.withLock { $0.totals }
    let all = totals.values.reduce(0) { $0 + $1.seconds }
    var lines = ["operation                        ms   share     calls"]
    for (name, entry) in totals.sorted(by: { $0.value.seconds > $1.value.seconds }) {
      let padded = name + String(repeating: " ", count: Swift.max(1, 28 - name.count))
      let milliseconds = String(Int((entry.seconds * 1000).rounded()))
      let share = String(Int((100 * entry.seconds / Swift.max(all, 1e-12)).rounded())) + "%"
      lines.append(padded + String(repeating: " ", count: Swift.max(1, 9 - milliseconds.count)) + milliseconds
                   + String(repeating: " ", count: Swift.max(1, 8 - share.count)) + share + "  " + String(entry.count))
    }
    return lines.joined(separator: "\n")
  }

  private static func printReport() { print(report()) }
}

#if canImport(Glibc)
import Glibc
#endif
