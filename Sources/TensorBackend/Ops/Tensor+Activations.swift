// Activations. Masks (the derivative of a piecewise-linear function) are constants: their own
// derivative is zero almost everywhere, which is what second derivatives need.

import _CKernels

enum ReLU: UnaryFunction {
  @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { x > 0 ? x : 0 }
  static var fastLoop: FastUnaryLoop? { { x, y, n, _ in ck_relu(x, y, n) } }
}
enum Step: UnaryFunction { @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { x > 0 ? 1 : 0 } }
enum LeakyReLU: UnaryFunction {
  @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { x > 0 ? x : x * p }
  static var fastLoop: FastUnaryLoop? { ck_leaky_relu }
}
enum LeakyStep: UnaryFunction { @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { x > 0 ? 1 : p } }
enum Tanh: UnaryFunction {
  @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { T.tanh(x) }
  static var fastLoop: FastUnaryLoop? { { x, y, n, _ in ck_tanh(x, y, n) } }
}
enum Sigmoid: UnaryFunction {
  @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T {
    // Two branches so exp never overflows.
    if x >= 0 { return 1 / (1 + T.exp(-x)) }
    let e = T.exp(x)
    return e / (1 + e)
  }
  static var fastLoop: FastUnaryLoop? { { x, y, n, _ in ck_sigmoid(x, y, n) } }
}
enum Softplus: UnaryFunction {
  /// log(1 + e^x) = max(x, 0) + log1p(e^-|x|): exact for any |x|, no overflow.
  @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { Swift.max(x, 0) + T.log1p(T.exp(-Swift.abs(x))) }
  static var fastLoop: FastUnaryLoop? { { x, y, n, _ in ck_softplus(x, y, n) } }
}
enum AtLeast: UnaryFunction { @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { Swift.max(x, p) } }
enum AtMost: UnaryFunction { @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { Swift.min(x, p) } }
enum Above: UnaryFunction { @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { x > p ? 1 : 0 } }
enum Below: UnaryFunction { @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { x < p ? 1 : 0 } }
enum LogSigmoid: UnaryFunction {
  /// log σ(x) = min(x, 0) - log1p(e^-|x|).
  @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { Swift.min(x, 0) - T.log1p(T.exp(-Swift.abs(x))) }
  static var fastLoop: FastUnaryLoop? { { x, y, n, _ in ck_log_sigmoid(x, y, n) } }
}

/// max(x, 0).
public func relu(_ x: Tensor) -> Tensor {
  Tensor.record(x.map(ReLU.self), op: "relu", inputs: [x]) { g in
    [Tensor.fusedBackward(g, x, { g, x, dx, n in ck_leaky_relu_backward(g, x, dx, n, 0) }) ?? g * x.map(Step.self)]
  }
}

/// x for x > 0, slope·x otherwise (Maas et al. 2013; DCGAN's discriminator uses slope 0.2).
public func leakyRelu(_ x: Tensor, negativeSlope: Double = 0.2) -> Tensor {
  Tensor.record(x.map(LeakyReLU.self, negativeSlope), op: "leakyRelu", inputs: [x]) { g in
    let slope = Float(negativeSlope)
    return [Tensor.fusedBackward(g, x, { g, x, dx, n in ck_leaky_relu_backward(g, x, dx, n, slope) })
      ?? g * x.map(LeakyStep.self, negativeSlope)]
  }
}

/// Hyperbolic tangent; d/dx = 1 − tanh²x.
public func tanh(_ x: Tensor) -> Tensor {
  let y = x.map(Tanh.self)
  return Tensor.record(y, op: "tanh", inputs: [x]) { g in
    if let dx = Tensor.fusedBackward(g, y, { g, y, dx, n in ck_tanh_backward(g, y, dx, n) }) { return [dx] }
    let t = Tensor.saved(y) { tanh(x) }
    return [g * (1 - t.squared())]
  }
}

/// Logistic sigmoid 1 / (1 + e^−x); d/dx = σ(1 − σ).
public func sigmoid(_ x: Tensor) -> Tensor {
  let y = x.map(Sigmoid.self)
  return Tensor.record(y, op: "sigmoid", inputs: [x]) { g in
    if let dx = Tensor.fusedBackward(g, y, { g, y, dx, n in ck_sigmoid_backward(g, y, dx, n) }) { return [dx] }
    let s = Tensor.saved(y) { sigmoid(x) }
    return [g * s * (1 - s)]
  }
}

/// min(max(x, a), b) for the range [a, b] (PyTorch's `clamp`, `hardtanh` for [−1, 1]); d/dx = 1
/// strictly inside the range, 0 outside and on its ends.
public func clamp(_ x: Tensor, to range: ClosedRange<Double>) -> Tensor {
  Tensor.record(x.map(AtLeast.self, range.lowerBound).map(AtMost.self, range.upperBound), op: "clamp", inputs: [x]) { g in
    [g * x.map(Above.self, range.lowerBound) * x.map(Below.self, range.upperBound)]
  }
}

extension Tensor {
  /// An activation's input gradient in one float32 C loop, from the output gradient `g` and the
  /// saved input or output `saved`: when the backward pass records nothing (no second
  /// derivatives wanted) and the fast kernels are on. Otherwise nil, and the rule composes
  /// differentiable ops.
  static func fusedBackward(
    _ g: Tensor, _ saved: Tensor,
    _ loop: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
  ) -> Tensor? {
    guard !GradientMode.isRecording, Kernels.fast, g.dtype == .float32, saved.dtype == .float32, g.shape == saved.shape else {
      return nil
    }
    let result = Tensor(uninitializedShape: g.shape, dtype: .float32)
    let gp = g.storage.typed(Float.self), sp = saved.storage.typed(Float.self), rp = result.storage.typed(Float.self)
    Kernels.forEachSlice(g.scalarCount, streams: 3) { start, count in loop(gp + start, sp + start, rp + start, count) }
    return result
  }
}

/// log(1 + e^x), computed without overflow for any x; d/dx = σ(x).
public func softplus(_ x: Tensor) -> Tensor {
  Tensor.record(x.map(Softplus.self), op: "softplus", inputs: [x]) { g in [g * sigmoid(x)] }
}

/// log σ(x) = −softplus(−x), computed without overflow for any x; d/dx = σ(−x).
public func logSigmoid(_ x: Tensor) -> Tensor {
  Tensor.record(x.map(LogSigmoid.self), op: "logSigmoid", inputs: [x]) { g in [g * sigmoid(-x)] }
}

/// A piecewise-linear activation that a linear map (`linear`) or a per-channel affine map
/// (`channelAffine`) applies in the same pass over memory: a dense or batch-norm layer and the
/// ReLU after it as one op.
public enum FusedActivation: Sendable, Equatable {
  case none
  /// x for x > 0, slope·x otherwise; slope 0 is ReLU.
  case leakyRelu(negativeSlope: Double)

  /// The slope of the negative side (1: no activation).
  var slope: Float {
    switch self {
    case .none: return 1
    case .leakyRelu(let slope): return Float(slope)
    }
  }

  /// Whether the fused kernels can run it: they read the activation's slope off its output,
  /// whose sign matches the input's when the slope is not negative.
  var isFusable: Bool {
    switch self {
    case .none: return true
    case .leakyRelu(let slope): return slope >= 0
    }
  }

  /// The activation as a separate op.
  public func apply(_ x: Tensor) -> Tensor {
    switch self {
    case .none: return x
    case .leakyRelu(let slope): return slope == 0 ? TensorBackend.relu(x) : TensorBackend.leakyRelu(x, negativeSlope: slope)
    }
  }
}
