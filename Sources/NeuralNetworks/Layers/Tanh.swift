import TensorBackend

/// Hyperbolic tangent, elementwise; any shape. Generators end with it to map into [−1, 1].
public final class Tanh: Layer {
  public init() {}

  public func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor { tanh(input) }
}
