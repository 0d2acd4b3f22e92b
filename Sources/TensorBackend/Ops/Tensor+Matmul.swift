import _CKernels

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

/// x · Wᵀ + b: the affine map of a dense layer, followed by `activation`. x (N, I), weight
/// (O, I) as PyTorch stores it, bias (O) -> (N, O).
///
/// One op rather than a product, an add and an activation: each worker's block of the product
/// gets its bias and activation while it is still in cache, and the backward pass computes
/// x̄ = ā·W on one core while another computes W̄ = āᵀ·x and b̄ = Σₙ ā (each product whole and
/// single-threaded, which at these sizes beats splitting each across the cores), where ā is ȳ
/// times the activation's slope, read off the output. When the backward pass is recorded
/// (second derivatives), the same gradients come from differentiable ops.
public func linear(_ x: Tensor, weight: Tensor, bias: Tensor?, activation: FusedActivation = .none) -> Tensor {
  precondition(x.rank == 2, "linear: input must be (N, I), got shape \(x.shape)")
  precondition(weight.rank == 2 && weight.shape[1] == x.shape[1], "linear: weight \(weight.shape) does not fit input \(x.shape) (expected (O, \(x.shape[1])))")
  precondition(x.dtype == weight.dtype, "linear: input is \(x.dtype), weight is \(weight.dtype)")
  if let bias {
    precondition(bias.shape == [weight.shape[0]], "linear: bias \(bias.shape) does not fit weight \(weight.shape)")
    precondition(bias.dtype == x.dtype, "linear: input is \(x.dtype), bias is \(bias.dtype)")
  }
  guard x.dtype == .float32, Kernels.fast, x.shape[0] > 0, x.shape[1] > 0, activation.isFusable else {
    let product = matmul(x, weight, transposeB: true)
    return activation.apply(bias.map { product + $0 } ?? product)
  }
  let n = x.shape[0], i = x.shape[1], o = weight.shape[0]
  let result = Tensor(uninitializedShape: [n, o], dtype: .float32)
  let y = result.storage.typed(Float.self)
  let b = bias.map { UnsafePointer($0.storage.typed(Float.self)) }
  let slope = activation.slope
  let needsEpilogue = bias != nil || activation != .none
  Gemm.float(transposeA: false, transposeB: true, m: n, n: o, k: i, alpha: 1,
             a: x.storage.typed(Float.self), lda: i, b: weight.storage.typed(Float.self), ldb: i,
             beta: 0, c: y, ldc: o,
             epilogue: needsEpilogue ? { rows, columns in
               ck_bias_activation(y + rows.lowerBound * o + columns.lowerBound, o, b.map { $0 + columns.lowerBound },
                                  rows.count, columns.count, slope)
             } : nil)
  let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
  return Tensor.record(result, op: "linear", inputs: inputs) { g in
    let wantX = x.requiresGradient, wantW = weight.requiresGradient, wantB = bias?.requiresGradient ?? false
    if GradientMode.isRecording {
      // The activation's slope is piecewise constant: a constant mask read off the output.
      let a = activation == .none ? g : g * result.detached.map(LeakyStep.self, Double(slope))
      return [wantX ? matmul(a, weight) : nil,
              wantW ? matmul(a, x, transposeA: true) : nil,
              wantB ? a.sum(alongAxes: [0]) : nil]
    }
    let a = activation == .none ? g : Tensor.fusedBackward(g, result, { g, y, dy, count in ck_leaky_relu_backward(g, y, dy, count, slope) })!
    let dx = wantX ? Tensor(uninitializedShape: [n, i], dtype: .float32) : nil
    let dw = wantW ? Tensor(uninitializedShape: [o, i], dtype: .float32) : nil
    let db = wantB ? Tensor(uninitializedShape: [o], dtype: .float32) : nil
    let ap = a.storage.typed(Float.self)
    // Two independent jobs of about the same size; each runs whole on one worker.
    Parallel.forEachRange(2, work: n * i * o) { _, range in
      for job in range {
        if job == 0, let dx {
          Gemm.float(transposeA: false, transposeB: false, m: n, n: i, k: o, alpha: 1, a: ap, lda: o,
                     b: weight.storage.typed(Float.self), ldb: i, beta: 0, c: dx.storage.typed(Float.self), ldc: i)
        } else if job == 1 {
          if let dw {
            Gemm.float(transposeA: true, transposeB: false, m: o, n: i, k: n, alpha: 1, a: ap, lda: o,
                       b: x.storage.typed(Float.self), ldb: i, beta: 0, c: dw.storage.typed(Float.self), ldc: i)
          }
          if let db { Kernels.sumRows(ap, db.storage.typed(Float.self), rows: n, columns: o) }
        }
      }
    }
    return [dx, dw, db]
  }
}
