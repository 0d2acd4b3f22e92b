// Activations. Masks (the derivative of a piecewise-linear function) are constants: their own
// derivative is zero almost everywhere, which is what second derivatives need.

enum ReLU: UnaryFunction { @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { x > 0 ? x : 0 } }
enum Step: UnaryFunction { @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { x > 0 ? 1 : 0 } }
enum LeakyReLU: UnaryFunction { @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { x > 0 ? x : x * p } }
enum LeakyStep: UnaryFunction { @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { x > 0 ? 1 : p } }
enum Tanh: UnaryFunction { @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { T.tanh(x) } }
enum Sigmoid: UnaryFunction {
  @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T {
    // Two branches so exp never overflows.
    if x >= 0 { return 1 / (1 + T.exp(-x)) }
    let e = T.exp(x)
    return e / (1 + e)
  }
}
enum Softplus: UnaryFunction {
  /// log(1 + e^x) = max(x, 0) + log1p(e^-|x|): exact for any |x|, no overflow.
  @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { Swift.max(x, 0) + T.log1p(T.exp(-Swift.abs(x))) }
}
enum LogSigmoid: UnaryFunction {
  /// log σ(x) = min(x, 0) - log1p(e^-|x|).
  @inline(__always) static func apply<T: KernelScalar>(_ x: T, _ p: T) -> T { Swift.min(x, 0) - T.log1p(T.exp(-Swift.abs(x))) }
}

/// max(x, 0).
public func relu(_ x: Tensor) -> Tensor {
  Tensor.record(x.map(ReLU.self), op: "relu", inputs: [x]) { g in [g * x.map(Step.self)] }
}

/// x for x > 0, slope·x otherwise (Maas et al. 2013; DCGAN's discriminator uses slope 0.2).
public func leakyRelu(_ x: Tensor, negativeSlope: Double = 0.2) -> Tensor {
  Tensor.record(x.map(LeakyReLU.self, negativeSlope), op: "leakyRelu", inputs: [x]) { g in
    [g * x.map(LeakyStep.self, negativeSlope)]
  }
}

/// Hyperbolic tangent; d/dx = 1 − tanh²x.
public func tanh(_ x: Tensor) -> Tensor {
  let y = x.map(Tanh.self)
  return Tensor.record(y, op: "tanh", inputs: [x]) { g in
    let t = Tensor.saved(y) { tanh(x) }
    return [g * (1 - t.squared())]
  }
}

/// Logistic sigmoid 1 / (1 + e^−x); d/dx = σ(1 − σ).
public func sigmoid(_ x: Tensor) -> Tensor {
  let y = x.map(Sigmoid.self)
  return Tensor.record(y, op: "sigmoid", inputs: [x]) { g in
    let s = Tensor.saved(y) { sigmoid(x) }
    return [g * s * (1 - s)]
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
