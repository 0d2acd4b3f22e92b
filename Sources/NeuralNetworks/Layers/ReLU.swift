import TensorBackend

/// max(x, 0), elementwise; any shape.
public final class ReLU: Layer {
  public init() {}

  public func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor { relu(input) }
}
