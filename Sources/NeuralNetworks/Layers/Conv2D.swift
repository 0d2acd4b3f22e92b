import TensorBackend

/// A 2-D convolution layer (PyTorch's `nn.Conv2d`, no dilation or groups): cross-correlation
/// with a learned filter plus a per-channel bias.
///
/// x (N, C, H, W) -> y (N, O, (H + 2p − K)/s + 1, (W + 2p − K)/s + 1), rounding down, with filter
/// "weight" (O, C, K, K) and "bias" (O). DCGAN's discriminator halves the size with K = 4, s = 2,
/// p = 1 (PyTorch's DCGAN example).
public final class Conv2D: WeightedLayer {
  public let weight: Parameter
  public let bias: Parameter?
  /// s.
  public let stride: Int
  /// p, zeros added on every side.
  public let padding: Int

  /// - Parameters:
  ///   - inputChannels: C.
  ///   - outputChannels: O.
  ///   - kernelSize: K, the filter's height and width.
  ///   - weightInitializer, biasInitializer: PyTorch's defaults, U(−1/√(C·K²), 1/√(C·K²)) for both.
  public init(
    inputChannels: Int, outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
    bias: Bool = true, dtype: DType = .float32,
    weightInitializer: Initializer = .pytorchDefaultWeight,
    biasInitializer: Initializer = .pytorchDefaultBias,
    using generator: inout some RandomNumberGenerator
  ) {
    precondition(inputChannels > 0 && outputChannels > 0 && kernelSize > 0, "Conv2D: channels and kernel size must be positive")
    precondition(stride > 0 && padding >= 0, "Conv2D: stride \(stride) must be positive and padding \(padding) not negative")
    (weight, self.bias) = Conv2D.makeParameters(
      weightShape: [outputChannels, inputChannels, kernelSize, kernelSize], biasCount: outputChannels, bias: bias, dtype: dtype,
      weightInitializer: weightInitializer, biasInitializer: biasInitializer, using: &generator)
    self.stride = stride
    self.padding = padding
  }

  public var inputChannels: Int { weight.shape[1] }
  public var outputChannels: Int { weight.shape[0] }
  public var kernelSize: Int { weight.shape[2] }

  public func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor {
    self(input, weight: weight.value, activation: .none, context: &context)
  }

  /// act(conv(x, V) + b) for a filter V (O, C, K, K) standing in for the weight.
  public func callAsFunction(_ input: Tensor, weight: Tensor, activation: FusedActivation, context: inout ForwardContext) -> Tensor {
    precondition(input.rank == 4 && input.shape[1] == inputChannels, "Conv2D: expects input (N, \(inputChannels), H, W), got shape \(input.shape)")
    return activation.apply(addingChannelBias(conv2d(input, filter: weight, stride: stride, padding: padding)))
  }
}
