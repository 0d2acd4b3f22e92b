import NeuralNetworks
import TensorBackend

/// Which optimizer and its hyperparameters, as a run's configuration records them.
public struct OptimizerSettings: Codable, Sendable, Equatable {
  public enum Kind: String, Codable, Sendable {
    /// SGD with momentum, the optimizer of Algorithm 1 in Goodfellow et al. 2014.
    case sgd
    /// Adam (Kingma & Ba 2015), the optimizer of DCGAN.
    case adam
    /// RMSProp (Tieleman & Hinton 2012), the optimizer of the original WGAN.
    case rmsprop
  }

  public var kind: Kind
  public var learningRate: Double
  /// Adam's β₁.
  public var beta1: Double
  /// Adam's β₂.
  public var beta2: Double
  /// SGD's and RMSProp's momentum.
  public var momentum: Double
  /// RMSProp's α, the decay of its running mean square; absent for the other kinds.
  public var alpha: Double?

  public static func adam(learningRate: Double, beta1: Double = 0.9, beta2: Double = 0.999) -> OptimizerSettings {
    OptimizerSettings(kind: .adam, learningRate: learningRate, beta1: beta1, beta2: beta2, momentum: 0)
  }

  public static func sgd(learningRate: Double, momentum: Double) -> OptimizerSettings {
    OptimizerSettings(kind: .sgd, learningRate: learningRate, beta1: 0.9, beta2: 0.999, momentum: momentum)
  }

  /// RMSProp with PyTorch's defaults but the learning rate (α = 0.99, no momentum).
  public static func rmsprop(learningRate: Double, alpha: Double = 0.99, momentum: Double = 0) -> OptimizerSettings {
    OptimizerSettings(kind: .rmsprop, learningRate: learningRate, beta1: 0.9, beta2: 0.999, momentum: momentum, alpha: alpha)
  }

  /// The optimizer over `parameters`.
  public func make(for parameters: [Parameter]) -> any Optimizer {
    switch kind {
    case .adam: return Adam(parameters: parameters, learningRate: learningRate, beta1: beta1, beta2: beta2)
    case .sgd: return SGD(parameters: parameters, learningRate: learningRate, momentum: momentum)
    case .rmsprop: return RMSProp(parameters: parameters, learningRate: learningRate, alpha: alpha ?? 0.99, momentum: momentum)
    }
  }
}
