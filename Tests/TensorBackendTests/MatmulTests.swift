import Testing
import TensorBackend

@Suite struct MatmulTests {
  /// op(a)·op(b) by the definition, as the reference for BLAS.
  func naive(_ a: Tensor, _ b: Tensor, _ ta: Bool, _ tb: Bool) -> [Double] {
    let av = a.scalars, bv = b.scalars
    let m = ta ? a.shape[1] : a.shape[0], k = ta ? a.shape[0] : a.shape[1]
    let n = tb ? b.shape[0] : b.shape[1]
    var out = [Double](repeating: 0, count: m * n)
    for i in 0..<m {
      for j in 0..<n {
        for p in 0..<k {
          out[i * n + j] += av[ta ? p * m + i : i * k + p] * bv[tb ? j * k + p : p * n + j]
        }
      }
    }
    return out
  }

  @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
  func blasMatchesDefinition(transposes: (Bool, Bool)) {
    let (ta, tb) = transposes
    let (m, k, n) = (5, 7, 3)
    for dtype in DType.allCases {
      let t = randomInputs([ta ? [k, m] : [m, k], tb ? [n, k] : [k, n]], seed: 41)
      let a = t[0].converted(to: dtype), b = t[1].converted(to: dtype)
      expectClose(matmul(a, b, transposeA: ta, transposeB: tb).scalars, naive(a, b, ta, tb),
                  tolerance: dtype == .float32 ? 1e-5 : 1e-12, "matmul \(dtype) \(transposes)")
    }
  }

  @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
  func gradients(transposes: (Bool, Bool)) {
    let (ta, tb) = transposes
    let t = randomInputs([ta ? [4, 3] : [3, 4], tb ? [2, 4] : [4, 2]], seed: 42)
    expectGradients("matmul \(transposes)", at: t) { matmul($0[0], $0[1], transposeA: ta, transposeB: tb) }
  }

  @Test func linearGradients() {
    let t = randomInputs([[3, 4], [5, 4], [5]], seed: 43)
    expectGradients("linear", at: t) { linear($0[0], weight: $0[1], bias: $0[2]) }
  }
}
