// Matrix product on BLAS gemm. Transposes are flags passed to gemm, never copies.

/// op(a) · op(b) for matrices, where op transposes when asked: (M, K) · (K, N) -> (M, N).
public func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
  precondition(a.rank == 2 && b.rank == 2, "matmul: needs two matrices, got shapes \(a.shape) and \(b.shape)")
  precondition(a.dtype == b.dtype, "matmul: element types \(a.dtype) and \(b.dtype) differ")
  let m = transposeA ? a.shape[1] : a.shape[0]
  let k = transposeA ? a.shape[0] : a.shape[1]
  let kb = transposeB ? b.shape[1] : b.shape[0]
  let n = transposeB ? b.shape[0] : b.shape[1]
  precondition(k == kb, "matmul: inner dimensions differ: shapes \(a.shape)\(transposeA ? "ᵀ" : "") and \(b.shape)\(transposeB ? "ᵀ" : "")")
  let result = Tensor(uninitializedShape: [m, n], dtype: a.dtype)
  func run<T: KernelScalar>(_: T.Type) {
    if k == 0 { result.storage.zero(); return }
    T.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1,
           a: a.storage.typed(T.self), lda: a.shape[1], b: b.storage.typed(T.self), ldb: b.shape[1],
           beta: 0, c: result.storage.typed(T.self), ldc: n)
  }
  if m > 0 && n > 0 {
    switch a.dtype {
    case .float32: run(Float.self)
    case .float64: run(Double.self)
    }
  }
  return Tensor.record(result, op: "matmul", inputs: [a, b]) { g in
    let da: Tensor?, db: Tensor?
    switch (transposeA, transposeB) {
    case (false, false):
      da = a.requiresGradient ? matmul(g, b, transposeB: true) : nil
      db = b.requiresGradient ? matmul(a, g, transposeA: true) : nil
    case (true, false):
      da = a.requiresGradient ? matmul(b, g, transposeB: true) : nil
      db = b.requiresGradient ? matmul(a, g) : nil
    case (false, true):
      da = a.requiresGradient ? matmul(g, b) : nil
      db = b.requiresGradient ? matmul(g, a, transposeA: true) : nil
    case (true, true):
      da = a.requiresGradient ? matmul(b, g, transposeA: true, transposeB: true) : nil
      db = b.requiresGradient ? matmul(g, a, transposeA: true, transposeB: true) : nil
    }
    return [da, db]
  }
}

/// x · Wᵀ + b: the affine map of a dense layer. x (N, I), weight (O, I) as PyTorch stores it,
/// bias (O) -> (N, O).
public func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) -> Tensor {
  precondition(x.rank == 2, "linear: input must be (N, I), got shape \(x.shape)")
  let product = matmul(x, weight, transposeB: true)
  guard let bias else { return product }
  return product + bias
}
