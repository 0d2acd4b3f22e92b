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
/// State per parameter: "step" (t, one value), "exp_avg" (m), "exp_avg_sq" (v).
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
  private var parameterSteps: [Int]
  private var firstMoments: [StateBuffer?]
  private var secondMoments: [StateBuffer?]

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
    firstMoments = Array(repeating: nil, count: parameters.count)
    secondMoments = Array(repeating: nil, count: parameters.count)
  }

  public func step() {
    withoutGradient {
      for (index, parameter) in parameters.enumerated() {
        guard let gradient = parameter.gradient else { continue }
        precondition(gradient.shape == parameter.shape && gradient.dtype == parameter.dtype, "Adam: gradient \(gradient.dtype) \(gradient.shape) does not match parameter \(index), \(parameter.dtype) \(parameter.shape)")
        if firstMoments[index] == nil {
          firstMoments[index] = StateBuffer(zerosLike: parameter)
          secondMoments[index] = StateBuffer(zerosLike: parameter)
        }
        parameterSteps[index] += 1
        let m = firstMoments[index]!, v = secondMoments[index]!
        switch parameter.dtype {
        case .float32: update(Float.self, parameter, gradient, m, v, step: parameterSteps[index])
        case .float64: update(Double.self, parameter, gradient, m, v, step: parameterSteps[index])
        }
      }
    }
    stepCount += 1
  }

  private func update<T: KernelScalar & SIMDScalar>(
    _: T.Type, _ parameter: Parameter, _ gradient: Tensor, _ firstMoment: StateBuffer, _ secondMoment: StateBuffer, step: Int
  ) {
    // Bias corrections in Double: 1 − β₂ᵗ loses every digit in Float for small t.
    let t = Double(step)
    let correction1 = 1 - _pow(beta1, t), correction2 = 1 - _pow(beta2, t)
    let stepSize = T(learningRate / correction1)
    let inverseCorrection2Root = T(1 / correction2.squareRoot())
    let b1 = T(beta1), b2 = T(beta2), oneMinusB1 = T(1 - beta1), oneMinusB2 = T(1 - beta2)
    let eps = T(epsilon), decay = T(weightDecay), useDecay = weightDecay != 0
    let m = firstMoment.typed(T.self), v = secondMoment.typed(T.self)
    let n = parameter.scalarCount
    gradient.withUnsafeBufferPointer(as: T.self) { g in
      parameter.withUnsafeMutableBufferPointer(as: T.self) { p in
        let g = g.baseAddress!, p = p.baseAddress!
        // Memory-bound (seven streams per element): large parameters are split across the cores.
        Parallel.forEachRange(n, work: 7 * n) { _, range in
          var i = range.lowerBound
          while i + 8 <= range.upperBound {
            let pi = loadVector(p, i)
            var gi = loadVector(g, i)
            if useDecay { gi += decay * pi }
            let mi = b1 * loadVector(m, i) + oneMinusB1 * gi
            let vi = b2 * loadVector(v, i) + oneMinusB2 * gi * gi
            storeVector(mi, m, i)
            storeVector(vi, v, i)
            storeVector(pi - stepSize * mi / (vi.squareRoot() * inverseCorrection2Root + eps), p, i)
            i += 8
          }
          while i < range.upperBound {
            let gi = useDecay ? g[i] + decay * p[i] : g[i]
            let mi = b1 * m[i] + oneMinusB1 * gi
            let vi = b2 * v[i] + oneMinusB2 * gi * gi
            m[i] = mi
            v[i] = vi
            p[i] -= stepSize * mi / (vi.squareRoot() * inverseCorrection2Root + eps)
            i += 1
          }
        }
      }
    }
  }

  public func exportState() -> OptimizerState {
    var tensors: [String: Tensor] = [:]
    for index in parameters.indices where parameterSteps[index] > 0 {
      tensors["\(index).step"] = Tensor(Double(parameterSteps[index]), dtype: .float64)
      tensors["\(index).exp_avg"] = firstMoments[index]!.tensor
      tensors["\(index).exp_avg_sq"] = secondMoments[index]!.tensor
    }
    return OptimizerState(kind: "adam", stepCount: stepCount, tensors: tensors)
  }

  public func importState(_ state: OptimizerState) throws(StateImportError) {
    let entries = try state.tensorsByParameter(
      kind: "adam", names: ["step", "exp_avg", "exp_avg_sq"], scalarNames: ["step"], parameters: parameters)
    var steps = [Int](repeating: 0, count: parameters.count)
    for (index, entry) in entries.enumerated() {
      guard let step = entry["step"]?.scalar else { continue }
      guard step >= 1, step == step.rounded(), step < 0x1p53 else {
        throw StateImportError("optimizer state \"\(index).step\" holds \(step), not a positive integer")
      }
      steps[index] = Int(step)
    }
    parameterSteps = steps
    firstMoments = zip(entries, parameters).map { entry, parameter in
      entry["exp_avg"].map { StateBuffer(copying: $0, like: parameter) }
    }
    secondMoments = zip(entries, parameters).map { entry, parameter in
      entry["exp_avg_sq"].map { StateBuffer(copying: $0, like: parameter) }
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
