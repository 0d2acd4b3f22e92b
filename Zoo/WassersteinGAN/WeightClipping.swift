import NeuralNetworks
import TensorBackend
import ZooCore

/// w ← clip(w, −c, c) for every parameter of the critic after each of its steps: how the
/// original WGAN keeps its critic K-Lipschitz (Arjovsky et al. 2017, Algorithm 1, line 7, with
/// c = 0.01). Batch-norm scales and shifts are clipped too, as the paper's code clips every
/// parameter.
public struct WeightClipping: ParameterConstraint {
  /// c.
  public let bound: Double

  public init(bound: Double) {
    precondition(bound > 0, "WeightClipping: the bound c must be positive, got \(bound)")
    self.bound = bound
  }

  public func apply(to parameters: [Parameter]) {
    for parameter in parameters {
      switch parameter.dtype {
      case .float32: clip(parameter, Float(bound))
      case .float64: clip(parameter, bound)
      }
    }
  }

  private func clip<T: KernelScalar>(_ parameter: Parameter, _ c: T) {
    parameter.withUnsafeMutableBufferPointer(as: T.self) { values in
      for index in values.indices { values[index] = min(max(values[index], -c), c) }
    }
  }
}
