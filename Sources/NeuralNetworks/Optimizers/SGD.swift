import TensorBackend

/// Stochastic gradient descent with optional momentum and weight decay, with PyTorch's
/// `torch.optim.SGD` semantics. For parameter θ with gradient g:
///
///     d ← g + λθ                         (weight decay λ)
///     b ← d on the first step, else μb + (1 − τ)d   (momentum μ, dampening τ)
///     d ← d + μb if Nesterov, else b
///     θ ← θ − ηd                         (learning rate η)
///
/// Goodfellow et al. 2014 (Algorithm 1) train the original GAN with momentum, with η and μ on
/// schedules; `learningRate` and `momentum` may be changed between steps for that.
///
/// State per parameter: "momentum_buffer" (b), present once the parameter has been updated with
/// μ ≠ 0.
public final class SGD: Optimizer {
  public let parameters: [Parameter]
  /// η.
  public var learningRate: Double
  /// μ.
  public var momentum: Double
  /// τ, the fraction of the new gradient left out of the momentum buffer.
  public var dampening: Double
  /// λ, the L2 penalty coefficient added to the gradient.
  public var weightDecay: Double
  /// Nesterov momentum (Sutskever et al. 2013) instead of the heavy ball.
  public var nesterov: Bool
  public private(set) var stepCount = 0
  private var momentumBuffers: [StateBuffer?]

  public init(
    parameters: [Parameter], learningRate: Double, momentum: Double = 0, dampening: Double = 0,
    weightDecay: Double = 0, nesterov: Bool = false
  ) {
    precondition(learningRate >= 0, "SGD: negative learning rate \(learningRate)")
    precondition(momentum >= 0, "SGD: negative momentum \(momentum)")
    precondition(!nesterov || (momentum > 0 && dampening == 0), "SGD: Nesterov momentum needs momentum > 0 and no dampening")
    self.parameters = parameters
    self.learningRate = learningRate
    self.momentum = momentum
    self.dampening = dampening
    self.weightDecay = weightDecay
    self.nesterov = nesterov
    momentumBuffers = Array(repeating: nil, count: parameters.count)
  }

  public func step() {
    withoutGradient {
      for (index, parameter) in parameters.enumerated() {
        guard let gradient = parameter.gradient else { continue }
        precondition(gradient.shape == parameter.shape && gradient.dtype == parameter.dtype, "SGD: gradient \(gradient.dtype) \(gradient.shape) does not match parameter \(index), \(parameter.dtype) \(parameter.shape)")
        var buffer: StateBuffer? = nil
        var first = false
        if momentum != 0 {
          if momentumBuffers[index] == nil {
            momentumBuffers[index] = StateBuffer(zerosLike: parameter)
            first = true
          }
          buffer = momentumBuffers[index]
        }
        switch parameter.dtype {
        case .float32: update(Float.self, parameter, gradient, buffer, first: first)
        case .float64: update(Double.self, parameter, gradient, buffer, first: first)
        }
      }
    }
    stepCount += 1
  }

  private func update<T: KernelScalar & SIMDScalar>(
    _: T.Type, _ parameter: Parameter, _ gradient: Tensor, _ buffer: StateBuffer?, first: Bool
  ) {
    let lr = T(learningRate), mu = T(momentum), keep = T(1 - dampening), decay = T(weightDecay)
    let useDecay = weightDecay != 0, nesterov = self.nesterov
    let n = parameter.scalarCount
    gradient.withUnsafeBufferPointer(as: T.self) { g in
      parameter.withUnsafeMutableBufferPointer(as: T.self) { p in
        let g = g.baseAddress!, p = p.baseAddress!
        var i = 0
        guard let buffer else {
          while i + 8 <= n {
            let pi = loadVector(p, i)
            let d = useDecay ? loadVector(g, i) + decay * pi : loadVector(g, i)
            storeVector(pi - lr * d, p, i)
            i += 8
          }
          while i < n {
            p[i] -= lr * (useDecay ? g[i] + decay * p[i] : g[i])
            i += 1
          }
          return
        }
        let b = buffer.typed(T.self)
        while i + 8 <= n {
          let pi = loadVector(p, i)
          let d = useDecay ? loadVector(g, i) + decay * pi : loadVector(g, i)
          let velocity = first ? d : mu * loadVector(b, i) + keep * d
          storeVector(velocity, b, i)
          storeVector(pi - lr * (nesterov ? d + mu * velocity : velocity), p, i)
          i += 8
        }
        while i < n {
          let d = useDecay ? g[i] + decay * p[i] : g[i]
          let velocity = first ? d : mu * b[i] + keep * d
          b[i] = velocity
          p[i] -= lr * (nesterov ? d + mu * velocity : velocity)
          i += 1
        }
      }
    }
  }

  public func exportState() -> OptimizerState {
    var tensors: [String: Tensor] = [:]
    for (index, buffer) in momentumBuffers.enumerated() {
      if let buffer { tensors["\(index).momentum_buffer"] = buffer.tensor }
    }
    return OptimizerState(kind: "sgd", stepCount: stepCount, tensors: tensors)
  }

  public func importState(_ state: OptimizerState) throws(StateImportError) {
    let entries = try state.tensorsByParameter(kind: "sgd", names: ["momentum_buffer"], parameters: parameters)
    momentumBuffers = zip(entries, parameters).map { entry, parameter in
      entry["momentum_buffer"].map { StateBuffer(copying: $0, like: parameter) }
    }
    stepCount = state.stepCount
  }
}
