import _CKernels

/// Splits a loop over independent items among the cores, on the backend's one worker pool
/// (`_CKernels/parallel.c`): the calling thread and the workers claim parts as they come free,
/// so a core taken by another process slows a loop down without stalling it.
public enum Parallel {
  /// How many workers a loop is split among: OMP_NUM_THREADS, else the online processors, unless
  /// changed with `setWorkers`.
  public static var workers: Int { Int(ck_thread_count()) }

  /// Lowers (or restores, up to the pool's size) the number of workers later loops use (at least 1).
  public static func setWorkers(_ count: Int) {
    ck_set_thread_count(Int32(Swift.max(1, count)))
  }

  /// Whether the caller runs inside a part of a loop (where a nested loop runs serially).
  public static var isInsideLoop: Bool { ck_in_parallel() != 0 }

  /// Below this many elements touched, a loop runs on the calling thread: waking the pool costs
  /// a few microseconds.
  static let parallelThreshold = 1 << 15

  /// Calls `body(worker, range)` for contiguous ranges that cover 0..<count, one per worker,
  /// concurrently when `work` (a rough count of elements touched) is worth the hand-off;
  /// otherwise calls `body(0, 0..<count)` on this thread. Worker indices are below `workers`.
  /// Inside another loop's part, the parts run one after another on the calling thread.
  public static func forEachRange(_ count: Int, work: Int, _ body: (Int, Range<Int>) -> Void) {
    guard count > 0 else { return }
    let parts = Swift.min(workers, count)
    guard parts > 1, work >= parallelThreshold else {
      body(0, 0..<count)
      return
    }
    // The workers touch disjoint memory through `body`; the call returns when all are done.
    // They see the caller's kernel path (a task-local value, which other threads do not inherit).
    let path = KernelPath.current
    withoutActuallyEscaping(body) { body in
      var context: (Int, Range<Int>) -> Void = { part, range in
        if KernelPath.current == path { body(part, range) } else { KernelPath.$current.withValue(path) { body(part, range) } }
      }
      withUnsafeMutablePointer(to: &context) { pointer in
        ck_parallel_for(count, parts, pointer) { context, part, begin, end in
          let body = context!.assumingMemoryBound(to: ((Int, Range<Int>) -> Void).self).pointee
          body(Int(part), Int(begin)..<Int(end))
        }
      }
    }
  }
}
