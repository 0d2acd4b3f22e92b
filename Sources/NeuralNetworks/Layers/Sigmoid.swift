import TensorBackend

/// Logistic sigmoid 1 / (1 + e^−x), elementwise; any shape. Losses on logits are more stable than
/// a sigmoid followed by a logarithm; prefer them.
public final class Sigmoid: Layer {
  public init() {}

  public func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor { sigmoid(input) }
}
