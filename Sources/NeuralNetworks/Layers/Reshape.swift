import TensorBackend

/// Reshapes each sample, keeping the batch: (N, …) -> (N, s₁, …, sₖ) for a per-sample shape s
/// with the same element count (PyTorch's `x.view(N, *s)`; e.g. (N, C·H·W) -> (N, C, H, W) in a
/// generator). One extent of s may be −1 (inferred). Shares storage.
public final class Reshape: Layer {
  /// s, the shape of one sample.
  public let sampleShape: [Int]

  public init(sampleShape: [Int]) { self.sampleShape = sampleShape }

  public func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor {
    precondition(input.rank >= 1, "Reshape: needs a batch dimension, got a scalar")
    return input.reshaped(to: [input.shape[0]] + sampleShape)
  }
}
