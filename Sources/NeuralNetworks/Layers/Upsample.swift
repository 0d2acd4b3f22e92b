import TensorBackend

/// Upsampling by an integer factor f: (N, C, H, W) -> (N, C, H·f, W·f) (PyTorch's
/// `nn.Upsample(scale_factor: f)`), nearest-neighbour or bilinear with `align_corners=False`.
public final class Upsample: Layer {
  public enum Mode: String, Sendable, Codable {
    /// Each pixel copied into an f × f block.
    case nearest
    /// Linear interpolation along each axis.
    case bilinear
  }

  public let factor: Int
  public let mode: Mode

  public init(factor: Int = 2, mode: Mode = .nearest) {
    precondition(factor > 0, "Upsample: factor \(factor) must be positive")
    self.factor = factor
    self.mode = mode
  }

  public func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor {
    switch mode {
    case .nearest: return upsampleNearest(input, factor: factor)
    case .bilinear: return upsampleBilinear(input, factor: factor)
    }
  }
}
