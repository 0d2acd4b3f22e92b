import TensorBackend

/// Adam (Kingma & Ba 2015) with PyTorch's `torch.optim.Adam` semantics, including bias
/// correction. For parameter θ with gradient g at its t-th update:
///
///     g ← g + λθ                          (weight decay λ, an L2 penalty; not AdamW)
///     m ← β₁m + (1 − β₁)g
///     v ← β₂v + (1 − β₂)g²
///     θ ← θ − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
///
/// Defaults are the paper's (η 1e-3, β₁ 0.9, β₂ 0.999, ε 1e-8). DCGAN trains with η = 2e-4 and
/// β₁ = 0.5 (Radford et al. 2015, section 4: with the suggested β₁ = 0.9 training oscillated and
/// was unstable; 0.5 stabilized it).
///
/// State per parameter: "step" (t, one value), "exp_avg" (m), "exp_avg_sq" (v). The moments of all
/// parameters sit in one flat buffer each, and a step updates every float32 parameter in one
/// pass of a loop compiled for the CPU (`OptimizerKernels.adam`), shared out among the cores.
public final class Adam: Optimizer {
  public let parameters: [Parameter]
  /// η.
  public var learningRate: Double
  /// β₁, the decay of the first-moment estimate.
  public var beta1: Double
  /// β₂, the decay of the second-moment estimate.
  public var beta2: Double
  /// ε, added to the denominator; it bounds the step where v is tiny.
  public var epsilon: Double
  /// λ.
  public var weightDecay: Double
  public private(set) var stepCount = 0
  /// t per parameter: how many updates it has had (0: none yet, and no state to export).
  private var parameterSteps: [Int]
  /// m and v of every parameter, each in one flat buffer at the parameter's offset.
  private let firstMoments: FlatStateBuffer
  private let secondMoments: FlatStateBuffer

  public init(
    parameters: [Parameter], learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
    epsilon: Double = 1e-8, weightDecay: Double = 0
  ) {
    precondition(learningRate >= 0, "Adam: negative learning rate \(learningRate)")
    precondition((0..<1).contains(beta1) && (0..<1).contains(beta2), "Adam: betas (\(beta1), \(beta2)) outside [0, 1)")
    precondition(epsilon >= 0, "Adam: negative epsilon \(epsilon)")
    self.parameters = parameters
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    parameterSteps = Array(repeating: 0, count: parameters.count)
    firstMoments = FlatStateBuffer(for: parameters)
    secondMoments = FlatStateBuffer(for: parameters)
  }

  public func step() {
    OperationTimer.mark("before Adam")
    withoutGradient {
      var float32: [FlatUpdate.Segment] = []
      for (index, parameter) in parameters.enumerated() {
        guard let gradient = parameter.gradient else { continue }
        precondition(gradient.shape == parameter.shape && gradient.dtype == parameter.dtype, "Adam: gradient \(gradient.dtype) \(gradient.shape) does not match parameter \(index), \(parameter.dtype) \(parameter.shape)")
        if firstMoments.dtype(of: index) != parameter.dtype {
          // The parameter changed element type since the optimizer was made: new zero moments.
          firstMoments.reset(index, like: parameter)
          secondMoments.reset(index, like: parameter)
          parameterSteps[index] = 0
        }
        parameterSteps[index] += 1
        if parameter.dtype == .float32 && KernelPath.current == .fast {
          float32.append(FlatUpdate.Segment(parameter: parameter, gradient: gradient, index: index, step: parameterSteps[index]))
          continue
        }
        switch parameter.dtype {
        case .float32: update(Float.self, parameter, gradient, index: index)
        case .float64: update(Double.self, parameter, gradient, index: index)
        }
      }
      if !float32.isEmpty { updateFast(float32) }
    }
    stepCount += 1
    OperationTimer.mark("Adam")
  }

  /// The float32 parameters in one pass of `OptimizerKernels.adam` over all of them, shared out
  /// among the workers by element count; a run of parameters per distinct t.
  private func updateFast(_ segments: [FlatUpdate.Segment]) {
    for run in FlatUpdate.runs(of: segments) {
      let t = Double(run[0].step)
      let stepSize = Float(learningRate / (1 - _pow(beta1, t)))
      let inverseCorrection2Root = Float(1 / (1 - _pow(beta2, t)).squareRoot())
      let eps = Float(epsilon), decay = Float(weightDecay)
      FlatUpdate.forEachSlice(of: run) { segment, start, count in
        let p = segment.parameter.withUnsafeMutableBufferPointer(as: Float.self) { $0.baseAddress! }
        let g = segment.gradient.withUnsafeBufferPointer(as: Float.self) { $0.baseAddress! }
        let m = firstMoments.pointer(Float.self, segment.index), v = secondMoments.pointer(Float.self, segment.index)
        OptimizerKernels.adam(
          parameters: p + start, gradients: g + start, firstMoments: m + start, secondMoments: v + start, count: count,
          stepSize: stepSize, beta1: beta1, beta2: beta2, inverseCorrection2Root: inverseCorrection2Root, epsilon: eps,
          weightDecay: decay)
      }
    }
  }

  /// The reference update of one parameter (float64, or under `KernelPath.reference`).
  private func update<T: KernelScalar & SIMDScalar>(_: T.Type, _ parameter: Parameter, _ gradient: Tensor, index: Int) {
    // Bias corrections in Double: 1 − β₂ᵗ loses every digit in Float for small t.
    let t = Double(parameterSteps[index])
    let correction1 = 1 - _pow(beta1, t), correction2 = 1 - _pow(beta2, t)
    let stepSize = T(learningRate / correction1)
    let inverseCorrection2Root = T(1 / correction2.squareRoot())
    let b1 = T(beta1), b2 = T(beta2), oneMinusB1 = T(1 - beta1), oneMinusB2 = T(1 - beta2)
    let eps = T(epsilon), decay = T(weightDecay)
    let m = firstMoments.pointer(T.self, index), v = secondMoments.pointer(T.self, index)
    let n = parameter.scalarCount
    gradient.withUnsafeBufferPointer(as: T.self) { g in
      parameter.withUnsafeMutableBufferPointer(as: T.self) { p in
        for i in 0..<n {
          let gi = g[i] + decay * p[i]
          let mi = b1 * m[i] + oneMinusB1 * gi
          let vi = b2 * v[i] + oneMinusB2 * gi * gi
          m[i] = mi
          v[i] = vi
          p[i] -= stepSize * mi / (vi.squareRoot() * inverseCorrection2Root + eps)
        }
      }
    }
  }

  public func exportState() -> OptimizerState {
    var tensors: [String: Tensor] = [:]
    for index in parameters.indices where parameterSteps[index] > 0 {
      tensors["\(index).step"] = Tensor(Double(parameterSteps[index]), dtype: .float64)
      tensors["\(index).exp_avg"] = firstMoments.tensor(index)
      tensors["\(index).exp_avg_sq"] = secondMoments.tensor(index)
    }
    return OptimizerState(kind: "adam", stepCount: stepCount, tensors: tensors)
  }

  public func importState(_ state: OptimizerState) throws(StateImportError) {
    let entries = try state.tensorsByParameter(
      kind: "adam", names: ["step", "exp_avg", "exp_avg_sq"], scalarNames: ["step"], parameters: parameters)
    let steps = try OptimizerState.parameterSteps(entries)
    parameterSteps = steps
    for (index, (entry, parameter)) in zip(entries, parameters).enumerated() {
      firstMoments.reset(index, like: parameter)
      secondMoments.reset(index, like: parameter)
      if let m = entry["exp_avg"] { firstMoments.assign(index, m) }
      if let v = entry["exp_avg_sq"] { secondMoments.assign(index, v) }
    }
    stepCount = state.stepCount
  }
}

#if canImport(Glibc)
import Glibc
@inline(__always) private func _pow(_ x: Double, _ y: Double) -> Double { Glibc.pow(x, y) }
#elseif canImport(Darwin)
import Darwin
@inline(__always) private func _pow(_ x: Double, _ y: Double) -> Double { Darwin.pow(x, y) }
#endif
