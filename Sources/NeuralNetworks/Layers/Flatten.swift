import TensorBackend

/// Flattens every dimension after the batch: (N, d₁, …, dₖ) -> (N, d₁·…·dₖ). Shares storage.
public final class Flatten: Layer {
  public init() {}

  public func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor {
    precondition(input.rank >= 1, "Flatten: needs a batch dimension, got a scalar")
    return input.flattenedBatch()
  }
}
