#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Splits a loop over independent items among the processors, for the memory-bound loops that
/// surround BLAS calls (im2col, col2im, reordering). BLAS parallelizes the gemms itself.
public enum Parallel {
  /// How many workers a loop is split among: the online processors.
  public static let workers = Swift.max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))

  /// Calls `body(worker, range)` for contiguous ranges that cover 0..<count, one per worker,
  /// concurrently when `work` (a rough count of elements touched) is worth the hand-off;
  /// otherwise calls `body(0, 0..<count)` on this thread. Worker indices are below `workers`.
  public static func forEachRange(_ count: Int, work: Int, _ body: (Int, Range<Int>) -> Void) {
    let parts = Swift.min(workers, count)
    guard parts > 1, work >= 1 << 15 else {
      if count > 0 { body(0, 0..<count) }
      return
    }
    // The workers touch disjoint memory through `body`; the call returns when all are done.
    withoutActuallyEscaping(body) { body in
      let shared = UncheckedSendable(body)
      DispatchQueue.concurrentPerform(iterations: parts) { part in
        shared.value(part, count * part / parts ..< count * (part + 1) / parts)
      }
    }
  }
}

/// A value handed to concurrent workers that only use it in ways that do not race.
private struct UncheckedSendable<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
