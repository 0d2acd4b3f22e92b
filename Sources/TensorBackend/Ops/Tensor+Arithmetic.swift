// Elementwise arithmetic with broadcasting. Each op's forward and backward stand side by side;
// backward rules use differentiable ops so they can be differentiated again.

import _CKernels

enum Add: BinaryFunction {
  @inline(__always) static func apply<T: KernelScalar>(_ a: T, _ b: T, _ p: T) -> T { a + b }
  static var fastLoop: FastBinaryLoop? { ck_add }
}
enum Subtract: BinaryFunction {
  @inline(__always) static func apply<T: KernelScalar>(_ a: T, _ b: T, _ p: T) -> T { a - b }
  static var fastLoop: FastBinaryLoop? { ck_subtract }
}
enum Multiply: BinaryFunction {
  @inline(__always) static func apply<T: KernelScalar>(_ a: T, _ b: T, _ p: T) -> T { a * b }
  static var fastLoop: FastBinaryLoop? { ck_multiply }
}
enum Divide: BinaryFunction {
  @inline(__always) static func apply<T: KernelScalar>(_ a: T, _ b: T, _ p: T) -> T { a / b }
  static var fastLoop: FastBinaryLoop? { ck_divide }
}
enum AddConstant: UnaryFunction {
  @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { x + p }
  static var fastLoop: FastUnaryLoop? { ck_add_scalar }
}
enum MultiplyConstant: UnaryFunction {
  @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { x * p }
  static var fastLoop: FastUnaryLoop? { ck_scale }
}
enum ConstantMinus: UnaryFunction { @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { p - x } }
enum ConstantOver: UnaryFunction { @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { p / x } }
enum Exp: UnaryFunction {
  @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { T.exp(x) }
  static var fastLoop: FastUnaryLoop? { { x, y, n, _ in ck_exp(x, y, n) } }
}
enum Log: UnaryFunction { @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { T.log(x) } }
enum SquareRoot: UnaryFunction { @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { x.squareRoot() } }
enum Power: UnaryFunction { @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { T.pow(x, p) } }
enum Square: UnaryFunction { @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { x * x } }
enum Absolute: UnaryFunction { @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { Swift.abs(x) } }
enum Sign: UnaryFunction { @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { x > 0 ? 1 : (x < 0 ? -1 : 0) } }

extension Tensor {
  public static func + (a: Tensor, b: Tensor) -> Tensor {
    record(combine(a, b, Add.self, op: "add"), op: "add", inputs: [a, b]) { g in
      [a.requiresGradient ? g.summed(toShape: a.shape) : nil,
       b.requiresGradient ? g.summed(toShape: b.shape) : nil]
    }
  }

  public static func - (a: Tensor, b: Tensor) -> Tensor {
    record(combine(a, b, Subtract.self, op: "subtract"), op: "subtract", inputs: [a, b]) { g in
      [a.requiresGradient ? g.summed(toShape: a.shape) : nil,
       b.requiresGradient ? (-g).summed(toShape: b.shape) : nil]
    }
  }

  public static func * (a: Tensor, b: Tensor) -> Tensor {
    record(combine(a, b, Multiply.self, op: "multiply"), op: "multiply", inputs: [a, b]) { g in
      [a.requiresGradient ? (g * b).summed(toShape: a.shape) : nil,
       b.requiresGradient ? (g * a).summed(toShape: b.shape) : nil]
    }
  }

  public static func / (a: Tensor, b: Tensor) -> Tensor {
    record(combine(a, b, Divide.self, op: "divide"), op: "divide", inputs: [a, b]) { g in
      [a.requiresGradient ? (g / b).summed(toShape: a.shape) : nil,
       b.requiresGradient ? (-(g * a) / (b * b)).summed(toShape: b.shape) : nil]
    }
  }

  public static func + (a: Tensor, s: Double) -> Tensor {
    record(a.map(AddConstant.self, s), op: "add", inputs: [a]) { g in [g] }
  }
  public static func + (s: Double, a: Tensor) -> Tensor { a + s }
  public static func - (a: Tensor, s: Double) -> Tensor { a + (-s) }

  public static func - (s: Double, a: Tensor) -> Tensor {
    record(a.map(ConstantMinus.self, s), op: "subtract", inputs: [a]) { g in [-g] }
  }

  public static func * (a: Tensor, s: Double) -> Tensor {
    record(a.map(MultiplyConstant.self, s), op: "multiply", inputs: [a]) { g in [g * s] }
  }
  public static func * (s: Double, a: Tensor) -> Tensor { a * s }
  public static func / (a: Tensor, s: Double) -> Tensor { a * (1 / s) }

  public static func / (s: Double, a: Tensor) -> Tensor {
    record(a.map(ConstantOver.self, s), op: "divide", inputs: [a]) { g in [-(g * s) / (a * a)] }
  }

  public static prefix func - (a: Tensor) -> Tensor {
    record(a.map(MultiplyConstant.self, -1), op: "negate", inputs: [a]) { g in [-g] }
  }

  public static func += (a: inout Tensor, b: Tensor) { a = a + b }
  public static func -= (a: inout Tensor, b: Tensor) { a = a - b }
  public static func *= (a: inout Tensor, b: Tensor) { a = a * b }
}

/// e^x.
public func exp(_ x: Tensor) -> Tensor {
  let y = x.map(Exp.self)
  return Tensor.record(y, op: "exp", inputs: [x]) { g in [g * Tensor.saved(y) { exp(x) }] }
}

/// Natural logarithm.
public func log(_ x: Tensor) -> Tensor {
  Tensor.record(x.map(Log.self), op: "log", inputs: [x]) { g in [g / x] }
}

/// Square root. The gradient 1 / (2 sqrt x) is infinite at 0; add a small constant first where
/// zeros are possible (gradient norms in a gradient penalty).
public func sqrt(_ x: Tensor) -> Tensor {
  let y = x.map(SquareRoot.self)
  return Tensor.record(y, op: "sqrt", inputs: [x]) { g in [g * 0.5 / Tensor.saved(y) { sqrt(x) }] }
}

/// x^p for a constant exponent p.
public func pow(_ x: Tensor, _ p: Double) -> Tensor {
  Tensor.record(x.map(Power.self, p), op: "pow", inputs: [x]) { g in
    [p == 2 ? g * x * 2 : g * p * pow(x, p - 1)]
  }
}

/// |x|. The gradient at 0 is taken as 0.
public func abs(_ x: Tensor) -> Tensor {
  Tensor.record(x.map(Absolute.self), op: "abs", inputs: [x]) { g in [g * x.map(Sign.self)] }
}

extension Tensor {
  /// x².
  public func squared() -> Tensor {
    Tensor.record(map(Square.self), op: "square", inputs: [self]) { [self] g in [g * self * 2] }
  }
}
