import _CBLAS

/// Runs a row-major gemm C (M×N) = op(A) op(B) on all cores through the backend's one worker
/// pool (`Parallel`), with OpenBLAS itself single-threaded.
///
/// Why: OpenBLAS's own threads busy-wait and then `sched_yield` between calls. Next to the
/// backend's parallel loops (optimizer updates, im2col) the two pools fought over the two cores:
/// a quarter of a gan-mlp step went to the scheduler. One pool does the same work without that.
/// Large products are split in two halves along M (rows of op(A) and C) or, when M is small,
/// along N (columns of op(B) and C); each element is still computed by one call with the whole
/// K reduction, so results do not depend on the split.
enum GemmPartition {
  /// Below this many multiply-adds one core does the product (a hand-off costs microseconds).
  static let parallelThreshold = 1 << 20

  private static let singleThreadedBLAS: Void = { openblas_set_num_threads(1) }()

  static func run<T>(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int, c: UnsafeMutablePointer<T>, ldc: Int,
    _ call: (CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, Int, Int, UnsafePointer<T>, UnsafePointer<T>, UnsafeMutablePointer<T>) -> Void
  ) {
    _ = singleThreadedBLAS
    let ta = transposeA ? CblasTrans : CblasNoTrans, tb = transposeB ? CblasTrans : CblasNoTrans
    let parts = Parallel.workers
    guard parts > 1, m * n * k >= parallelThreshold, max(m, n) >= 2 * parts else {
      call(ta, tb, m, n, a, b, c)
      return
    }
    let splitRows = m >= 2 * parts && (m >= n || n < 2 * parts)
    let count = splitRows ? m : n
    Parallel.forEachRange(parts, work: Int.max) { _, range in
      for part in range {
        let start = count * part / parts, end = count * (part + 1) / parts
        guard end > start else { continue }
        if splitRows {
          // Rows of op(A): row r of A, or column r of a transposed A.
          let aPart = transposeA ? a + start : a + start * lda
          call(ta, tb, end - start, n, aPart, b, c + start * ldc)
        } else {
          // Columns of op(B): column j of B, or row j of a transposed B.
          let bPart = transposeB ? b + start * ldb : b + start
          call(ta, tb, m, end - start, a, bPart, c + start)
        }
      }
    }
  }
}
