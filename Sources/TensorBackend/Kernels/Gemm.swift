
import _CKernels

/// C = α·op(A)·op(B) + β·C for row-major matrices: C (M×N), op(A) (M×K), op(B) (K×N).
///
/// float32 runs on oneDNN's `dnnl_sgemm`, JIT-compiled for the CPU's instruction set (AVX-512,
/// AVX2, …); float64 (gradient checks, the evaluation metrics' exact sums) on OpenBLAS, whose
/// kernels the backend chooses by the CPU's features (`_CKernels/openblas.c`). Both run single-threaded per call: a
/// large product is split into row blocks of C (or column blocks, when M is small), one per
/// worker of the backend's pool, each block one call with the whole K reduction, so results do
/// not depend on the split. Under `KernelPath.reference` both run `reference`.
enum Gemm {
  /// Below this many multiply-adds one core does the product (a hand-off costs microseconds).
  static let parallelThreshold = 1 << 20

  /// `epilogue(rows, columns)`, when given, runs on each block of C right after the block's
  /// product, on the same core while the block is in cache (a dense layer's bias and activation).
  static func float(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
    a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int,
    epilogue: ((Range<Int>, Range<Int>) -> Void)? = nil
  ) {
    if KernelPath.current == .reference {
      reference(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
      epilogue?(0..<m, 0..<n)
      return
    }
    let ta: Int32 = transposeA ? 1 : 0, tb: Int32 = transposeB ? 1 : 0
    partition(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc) {
      rows, columns, a, b, c in
      let status = ck_sgemm(ta, tb, rows.count, columns.count, k, alpha, a, lda, b, ldb, beta, c, ldc)
      precondition(status == 0, "gemm: oneDNN's sgemm failed (status \(status)) on M \(rows.count), N \(columns.count), K \(k)")
      epilogue?(rows, columns)
    }
  }

  static func double(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
    a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
    beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    if KernelPath.current == .reference {
      return reference(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                       a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
    let ta: Int32 = transposeA ? 1 : 0, tb: Int32 = transposeB ? 1 : 0
    partition(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc) {
      rows, columns, a, b, c in
      let status = ck_dgemm(ta, tb, rows.count, columns.count, k, alpha, a, lda, b, ldb, beta, c, ldc)
      precondition(status == 0, "gemm: float64 products need OpenBLAS: \(LAPACK.unavailableReason ?? "it could not be loaded")")
    }
  }

  /// Calls `call(rows, columns, a, b, c)` on blocks of C (with the operands' matching parts),
  /// one per worker, when the product is large: row blocks (rows of op(A) and C) or, when M is
  /// small, column blocks (columns of op(B) and C).
  private static func partition<T>(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int, c: UnsafeMutablePointer<T>, ldc: Int,
    _ call: (Range<Int>, Range<Int>, UnsafePointer<T>, UnsafePointer<T>, UnsafeMutablePointer<T>) -> Void
  ) {
    let parts = Parallel.workers
    guard parts > 1, m * n * k >= parallelThreshold, max(m, n) >= 2 * parts, !Parallel.isInsideLoop else {
      call(0..<m, 0..<n, a, b, c)
      return
    }
    let splitRows = m >= 2 * parts && (m >= n || n < 2 * parts)
    Parallel.forEachRange(splitRows ? m : n, work: Int.max) { _, range in
      let start = range.lowerBound
      if splitRows {
        // Rows of op(A): row r of A, or column r of a transposed A.
        call(range, 0..<n, transposeA ? a + start : a + start * lda, b, c + start * ldc)
      } else {
        // Columns of op(B): column j of B, or row j of a transposed B.
        call(0..<m, range, a, transposeB ? b + start * ldb : b + start, c + start)
      }
    }
  }

  /// The product as its definition: every C[i, j] one sum over K, in order. (β = 0 ignores C's
  /// old values, NaNs included, as BLAS does.)
  static func reference<T: KernelScalar>(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: T,
    a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int,
    beta: T, c: UnsafeMutablePointer<T>, ldc: Int
  ) {
    for i in 0..<m {
      for j in 0..<n {
        var sum: T = 0
        for p in 0..<k {
          let x = transposeA ? a[p * lda + i] : a[i * lda + p]
          let y = transposeB ? b[j * ldb + p] : b[p * ldb + j]
          sum += x * y
        }
        let old = beta == 0 ? 0 : beta * c[i * ldc + j]
        c[i * ldc + j] = alpha * sum + old
      }
    }
  }
}
