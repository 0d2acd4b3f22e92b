#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The scalar types kernels are written for: `Float` for training, `Double` for gradient checks.
///
/// Kernels are generic over `KernelScalar` and called with a concrete type after a `switch` on the
/// tensor's `DType`, so the optimizer specializes every loop for both types.
public protocol KernelScalar: BinaryFloatingPoint, Sendable {
  static var dtype: DType { get }
  static func exp(_ x: Self) -> Self
  static func log(_ x: Self) -> Self
  static func log1p(_ x: Self) -> Self
  static func tanh(_ x: Self) -> Self
  static func pow(_ x: Self, _ y: Self) -> Self
  /// C = alpha * op(A) op(B) + beta * C, row-major (BLAS `gemm`).
  static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Self,
    a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
    beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
}

extension Float: KernelScalar {
  public static var dtype: DType { .float32 }
  @inline(__always) public static func exp(_ x: Float) -> Float { expf(x) }
  @inline(__always) public static func log(_ x: Float) -> Float { logf(x) }
  @inline(__always) public static func log1p(_ x: Float) -> Float { log1pf(x) }
  @inline(__always) public static func tanh(_ x: Float) -> Float { tanhf(x) }
  @inline(__always) public static func pow(_ x: Float, _ y: Float) -> Float { powf(x, y) }
  public static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
    a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    Gemm.float(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
               a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
  }
}

extension Double: KernelScalar {
  public static var dtype: DType { .float64 }
  @inline(__always) public static func exp(_ x: Double) -> Double { Glibc.exp(x) }
  @inline(__always) public static func log(_ x: Double) -> Double { Glibc.log(x) }
  @inline(__always) public static func log1p(_ x: Double) -> Double { Glibc.log1p(x) }
  @inline(__always) public static func tanh(_ x: Double) -> Double { Glibc.tanh(x) }
  @inline(__always) public static func pow(_ x: Double, _ y: Double) -> Double { Glibc.pow(x, y) }
  public static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
    a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
    beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    Gemm.double(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
  }
}
