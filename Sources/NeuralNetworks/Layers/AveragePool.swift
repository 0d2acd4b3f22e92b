import TensorBackend

/// Average pooling over f × f blocks with stride f: (N, C, H, W) -> (N, C, H/f, W/f), H and W
/// multiples of f (PyTorch's `nn.AvgPool2d(f)`).
public final class AveragePool: Layer {
  public let factor: Int

  public init(factor: Int = 2) {
    precondition(factor > 0, "AveragePool: factor \(factor) must be positive")
    self.factor = factor
  }

  public func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor {
    averagePool(input, factor: factor)
  }
}
