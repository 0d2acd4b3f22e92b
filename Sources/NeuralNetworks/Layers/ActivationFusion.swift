import TensorBackend

/// A layer that can apply the activation after it in its own pass over memory (`Dense`,
/// `BatchNorm`): `Sequential` hands such a layer the following `ReLU` or `LeakyReLU` instead of
/// running the two one after the other. The result is the same; one tensor fewer is written and
/// read.
public protocol ActivationFusing: Layer {
  func callAsFunction(_ input: Tensor, activation: FusedActivation, context: inout ForwardContext) -> Tensor
}

/// An activation layer that `ActivationFusing` layers can take over.
public protocol FusableActivation: Layer {
  var fusedActivation: FusedActivation { get }
}

extension ReLU: FusableActivation {
  public var fusedActivation: FusedActivation { .leakyRelu(negativeSlope: 0) }
}

extension LeakyReLU: FusableActivation {
  public var fusedActivation: FusedActivation { .leakyRelu(negativeSlope: negativeSlope) }
}
