import TensorBackend

/// RMSProp (Tieleman & Hinton 2012, lecture 6.5) with PyTorch's `torch.optim.RMSprop` semantics.
/// For parameter θ with gradient g:
///
///     g ← g + λθ                              (weight decay λ)
///     v ← αv + (1 − α)g²                      (the running mean square, from 0)
///     ḡ ← αḡ + (1 − α)g,  s = √(v − ḡ²) + ε  if centered (Graves 2013), else s = √v + ε
///     b ← μb + g / s,  θ ← θ − ηb              with momentum μ > 0 (b from 0)
///     θ ← θ − ηg / s                           otherwise
///
/// ε is added after the square root, as PyTorch does (Adam adds it the same way). Defaults are
/// PyTorch's (η 1e-2, α 0.99, ε 1e-8). The original WGAN trains both networks with RMSProp,
/// η = 5e-5 (Arjovsky et al. 2017, Algorithm 1: momentum-based optimizers such as Adam made its
/// clipped critic unstable).
///
/// State per parameter: "step" (one value), "square_avg" (v), "momentum_buffer" (b, with
/// momentum), "grad_avg" (ḡ, centered).
public final class RMSProp: Optimizer {
  public let parameters: [Parameter]
  /// η.
  public var learningRate: Double
  /// α, the decay of the running mean square.
  public let alpha: Double
  /// ε, added to the root mean square; it bounds the step where v is tiny.
  public let epsilon: Double
  /// λ, the L2 penalty coefficient added to the gradient.
  public let weightDecay: Double
  /// μ.
  public let momentum: Double
  /// Divides by the gradient's estimated standard deviation instead of its root mean square.
  public let centered: Bool
  public private(set) var stepCount = 0
  private var parameterSteps: [Int]
  private var squareAverages: [StateBuffer?]
  private var momentumBuffers: [StateBuffer?]
  private var gradientAverages: [StateBuffer?]

  public init(
    parameters: [Parameter], learningRate: Double = 1e-2, alpha: Double = 0.99, epsilon: Double = 1e-8,
    weightDecay: Double = 0, momentum: Double = 0, centered: Bool = false
  ) {
    precondition(learningRate >= 0, "RMSProp: negative learning rate \(learningRate)")
    precondition(alpha >= 0 && alpha < 1, "RMSProp: alpha \(alpha) outside [0, 1)")
    precondition(epsilon >= 0 && momentum >= 0 && weightDecay >= 0, "RMSProp: negative epsilon, momentum or weight decay")
    self.parameters = parameters
    self.learningRate = learningRate
    self.alpha = alpha
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.momentum = momentum
    self.centered = centered
    parameterSteps = Array(repeating: 0, count: parameters.count)
    squareAverages = Array(repeating: nil, count: parameters.count)
    momentumBuffers = Array(repeating: nil, count: parameters.count)
    gradientAverages = Array(repeating: nil, count: parameters.count)
  }

  public func step() {
    withoutGradient {
      for (index, parameter) in parameters.enumerated() {
        guard let gradient = parameter.gradient else { continue }
        precondition(gradient.shape == parameter.shape && gradient.dtype == parameter.dtype, "RMSProp: gradient \(gradient.dtype) \(gradient.shape) does not match parameter \(index), \(parameter.dtype) \(parameter.shape)")
        if squareAverages[index] == nil {
          squareAverages[index] = StateBuffer(zerosLike: parameter)
          if momentum > 0 { momentumBuffers[index] = StateBuffer(zerosLike: parameter) }
          if centered { gradientAverages[index] = StateBuffer(zerosLike: parameter) }
        }
        parameterSteps[index] += 1
        switch parameter.dtype {
        case .float32: update(Float.self, parameter, gradient, index)
        case .float64: update(Double.self, parameter, gradient, index)
        }
      }
    }
    stepCount += 1
  }

  private func update<T: KernelScalar & SIMDScalar>(_: T.Type, _ parameter: Parameter, _ gradient: Tensor, _ index: Int) {
    let lr = T(learningRate), a = T(alpha), oneMinusA = T(1 - alpha), eps = T(epsilon), mu = T(momentum), decay = T(weightDecay)
    let useDecay = weightDecay != 0
    let v = squareAverages[index]!.typed(T.self)
    let b = momentumBuffers[index]?.typed(T.self), gAverage = gradientAverages[index]?.typed(T.self)
    let n = parameter.scalarCount
    gradient.withUnsafeBufferPointer(as: T.self) { g in
      parameter.withUnsafeMutableBufferPointer(as: T.self) { p in
        let g = g.baseAddress!, p = p.baseAddress!
        // The lanes do the scalar tail's operations in the same order, so no result depends on
        // an element's position.
        var i = 0
        while i + 8 <= n {
          let pi = loadVector(p, i)
          let gi = useDecay ? loadVector(g, i) + decay * pi : loadVector(g, i)
          let vi = a * loadVector(v, i) + oneMinusA * gi * gi
          storeVector(vi, v, i)
          var variance = vi
          if let gAverage {
            let mean = a * loadVector(gAverage, i) + oneMinusA * gi
            storeVector(mean, gAverage, i)
            variance = vi - mean * mean
          }
          let scaled = gi / (variance.squareRoot() + eps)
          if let b {
            let bi = mu * loadVector(b, i) + scaled
            storeVector(bi, b, i)
            storeVector(pi - lr * bi, p, i)
          } else {
            storeVector(pi - lr * scaled, p, i)
          }
          i += 8
        }
        while i < n {
          let gi = useDecay ? g[i] + decay * p[i] : g[i]
          let vi = a * v[i] + oneMinusA * gi * gi
          v[i] = vi
          var variance = vi
          if let gAverage {
            let mean = a * gAverage[i] + oneMinusA * gi
            gAverage[i] = mean
            variance = vi - mean * mean
          }
          let scaled = gi / (variance.squareRoot() + eps)
          if let b {
            b[i] = mu * b[i] + scaled
            p[i] -= lr * b[i]
          } else {
            p[i] -= lr * scaled
          }
          i += 1
        }
      }
    }
  }

  /// The state names this optimizer keeps per parameter.
  private var stateNames: Set<String> {
    var names: Set<String> = ["step", "square_avg"]
    if momentum > 0 { names.insert("momentum_buffer") }
    if centered { names.insert("grad_avg") }
    return names
  }

  public func exportState() -> OptimizerState {
    var tensors: [String: Tensor] = [:]
    for index in parameters.indices where parameterSteps[index] > 0 {
      tensors["\(index).step"] = Tensor(Double(parameterSteps[index]), dtype: .float64)
      tensors["\(index).square_avg"] = squareAverages[index]!.tensor
      if let buffer = momentumBuffers[index] { tensors["\(index).momentum_buffer"] = buffer.tensor }
      if let average = gradientAverages[index] { tensors["\(index).grad_avg"] = average.tensor }
    }
    return OptimizerState(kind: "rmsprop", stepCount: stepCount, tensors: tensors)
  }

  public func importState(_ state: OptimizerState) throws(StateImportError) {
    let entries = try state.tensorsByParameter(kind: "rmsprop", names: stateNames, scalarNames: ["step"], parameters: parameters)
    let steps = try OptimizerState.parameterSteps(entries)
    func buffers(_ name: String) -> [StateBuffer?] {
      zip(entries, parameters).map { entry, parameter in entry[name].map { StateBuffer(copying: $0, like: parameter) } }
    }
    parameterSteps = steps
    squareAverages = buffers("square_avg")
    momentumBuffers = buffers("momentum_buffer")
    gradientAverages = buffers("grad_avg")
    stepCount = state.stepCount
  }
}
