import _CKernels

/// An elementwise function of one argument and a constant parameter (`p`: the slope of a leaky
/// ReLU, an exponent, a scale). Each conforming type is one kernel; `Tensor.map` specializes the
/// loop for it. `apply` is the reference; `fastLoop`, where there is one, is the float32 C loop
/// compiled for the CPU's instruction set (`_CKernels`).
protocol UnaryFunction {
  static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T
  static var fastLoop: FastUnaryLoop? { get }
}

/// An elementwise function of two arguments and a constant parameter.
protocol BinaryFunction {
  static func apply<T: KernelScalar>(_ a: T, _ b: T, _ p: T) -> T
  static var fastLoop: FastBinaryLoop? { get }
}

extension UnaryFunction {
  static var fastLoop: FastUnaryLoop? { nil }
}

extension BinaryFunction {
  static var fastLoop: FastBinaryLoop? { nil }
}

/// y[i] = f(x[i]; p) over n floats.
typealias FastUnaryLoop = @convention(c) (UnsafePointer<Float>?, UnsafeMutablePointer<Float>?, Int, Float) -> Void
/// y[i] = f(a[i], b[i]) over n floats.
typealias FastBinaryLoop = @convention(c) (UnsafePointer<Float>?, UnsafePointer<Float>?, UnsafeMutablePointer<Float>?, Int) -> Void

extension Kernels {
  /// Whether float32 work runs on the C loops: `KernelPath.fast`.
  static var fast: Bool { KernelPath.current == .fast }

  /// Calls `body(start, count)` over [0, n) in one piece, or in one piece per worker when the
  /// loop touches enough memory to be worth sharing out (`streams` arrays of n floats).
  @inline(__always)
  static func forEachSlice(_ n: Int, streams: Int, _ body: (Int, Int) -> Void) {
    Parallel.forEachRange(n, work: streams * n) { _, range in body(range.lowerBound, range.count) }
  }
}

enum Kernels {
  @inline(__always)
  static func unary<F: UnaryFunction, T: KernelScalar>(
    _: F.Type, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ count: Int, _ p: T
  ) {
    for i in 0..<count { y[i] = F.apply(x[i], p) }
  }

  /// out[i] = F(a[i], b[i]) with broadcasting: `aStrides`/`bStrides` give, per output dimension,
  /// the operand's stride (0 where the operand is broadcast along it).
  static func binary<F: BinaryFunction, T: KernelScalar>(
    _: F.Type, _ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
    shape: [Int], aStrides: [Int], bStrides: [Int], _ p: T
  ) {
    let count = shape.reduce(1, *)
    guard count > 0 else { return }
    guard let inner = shape.last else {
      out[0] = F.apply(a[0], b[0], p)
      return
    }
    let sa = aStrides.last!, sb = bStrides.last!
    let outerRank = shape.count - 1
    var index = [Int](repeating: 0, count: outerRank)
    var ao = 0, bo = 0, oo = 0
    while oo < count {
      // Rows start at rebased pointers so the contiguous loops index from 0, which the compiler
      // vectorizes; with offsets added inside the loop it did not (a dense layer's bias add,
      // (N, O) + (O), ran at a tenth of the speed of a same-shape add).
      let ar = a + ao, br = b + bo, row = out + oo
      if sa == 1 && sb == 1 {
        for i in 0..<inner { row[i] = F.apply(ar[i], br[i], p) }
      } else if sa == 1 && sb == 0 {
        let bv = br[0]
        for i in 0..<inner { row[i] = F.apply(ar[i], bv, p) }
      } else if sa == 0 && sb == 1 {
        let av = ar[0]
        for i in 0..<inner { row[i] = F.apply(av, br[i], p) }
      } else {
        for i in 0..<inner { row[i] = F.apply(ar[i * sa], br[i * sb], p) }
      }
      oo += inner
      // Advance the outer multi-index (odometer), moving the operand offsets with it.
      var d = outerRank - 1
      while d >= 0 {
        index[d] += 1
        ao += aStrides[d]
        bo += bStrides[d]
        if index[d] < shape[d] { break }
        ao -= aStrides[d] * shape[d]
        bo -= bStrides[d] * shape[d]
        index[d] = 0
        d -= 1
      }
    }
  }
}

/// Broadcasting in NumPy's and PyTorch's sense: shapes align at their last dimension, and a
/// dimension of extent 1 (or a missing one) stretches to the other operand's extent.
enum Broadcast {
  static func shape(_ a: [Int], _ b: [Int], op: String) -> [Int] {
    switch result(a, b) {
    case .success(let shape): return shape
    case .failure(let error): preconditionFailure("\(op): \(error)")
    }
  }

  static func result(_ a: [Int], _ b: [Int]) -> Result<[Int], ShapeError> {
    let rank = max(a.count, b.count)
    var out = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
      let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
      let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
      if da == db || db == 1 {
        out[i] = da
      } else if da == 1 {
        out[i] = db
      } else {
        return .failure(ShapeError("shapes \(a) and \(b) cannot be broadcast together (dimension \(i): \(da) vs \(db))"))
      }
    }
    return .success(out)
  }

  /// Strides of a row-major tensor of `shape` read as if it had `target` shape (0 where broadcast).
  static func strides(of shape: [Int], broadcastTo target: [Int]) -> [Int] {
    var result = [Int](repeating: 0, count: target.count)
    var step = 1
    let offset = target.count - shape.count
    for i in stride(from: shape.count - 1, through: 0, by: -1) {
      result[i + offset] = shape[i] == 1 && target[i + offset] != 1 ? 0 : step
      step *= shape[i]
    }
    return result
  }
}

/// A shape that an op cannot accept; the message names the problem and the shapes involved.
public struct ShapeError: Error, CustomStringConvertible, Equatable {
  public let description: String
  public init(_ description: String) { self.description = description }
}
