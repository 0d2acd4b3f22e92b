import TensorBackend

/// A 2-D transposed ("fractionally strided") convolution layer (PyTorch's `nn.ConvTranspose2d`,
/// no dilation or groups): the gradient of a convolution with respect to its input, plus a
/// per-channel bias. Generators use it to grow images.
///
/// x (N, C, H, W) -> y (N, O, (H − 1)s − 2p + K + a, (W − 1)s − 2p + K + a) for output padding a,
/// with filter "weight" (C, O, K, K) laid out as PyTorch lays it out and "bias" (O). DCGAN's
/// generator doubles the size with K = 4, s = 2, p = 1 and grows z from 1×1 to 4×4 with K = 4,
/// s = 1, p = 0 (PyTorch's DCGAN example).
public final class TransposedConv2D: WeightedLayer {
  public let weight: Parameter
  public let bias: Parameter?
  /// s.
  public let stride: Int
  /// p, rows and columns removed from every side of the full output.
  public let padding: Int
  /// a (0 ≤ a < s), rows and columns added at the bottom and right to pick among the output
  /// sizes a stride-s convolution maps to the same input size.
  public let outputPadding: Int

  /// - Parameters:
  ///   - inputChannels: C.
  ///   - outputChannels: O.
  ///   - kernelSize: K, the filter's height and width.
  ///   - weightInitializer, biasInitializer: PyTorch's defaults, which take the fan-in from the
  ///     filter's second dimension: U(−1/√(O·K²), 1/√(O·K²)) for both.
  public init(
    inputChannels: Int, outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
    outputPadding: Int = 0, bias: Bool = true, dtype: DType = .float32,
    weightInitializer: Initializer = .pytorchDefaultWeight,
    biasInitializer: Initializer = .pytorchDefaultBias,
    using generator: inout some RandomNumberGenerator
  ) {
    precondition(inputChannels > 0 && outputChannels > 0 && kernelSize > 0, "TransposedConv2D: channels and kernel size must be positive")
    precondition(stride > 0 && padding >= 0, "TransposedConv2D: stride \(stride) must be positive and padding \(padding) not negative")
    precondition(outputPadding >= 0 && outputPadding < stride, "TransposedConv2D: output padding \(outputPadding) must be in 0..<stride (\(stride))")
    (weight, self.bias) = TransposedConv2D.makeParameters(
      weightShape: [inputChannels, outputChannels, kernelSize, kernelSize], biasCount: outputChannels, bias: bias, dtype: dtype,
      weightInitializer: weightInitializer, biasInitializer: biasInitializer, using: &generator)
    self.stride = stride
    self.padding = padding
    self.outputPadding = outputPadding
  }

  public var inputChannels: Int { weight.shape[0] }
  public var outputChannels: Int { weight.shape[1] }
  public var kernelSize: Int { weight.shape[2] }

  /// O is the weight's second axis.
  public static var outputAxis: Int { 1 }

  public func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor {
    self(input, weight: weight.value, activation: .none, context: &context)
  }

  /// act(convᵀ(x, V) + b) for a filter V (C, O, K, K) standing in for the weight.
  public func callAsFunction(_ input: Tensor, weight: Tensor, activation: FusedActivation, context: inout ForwardContext) -> Tensor {
    precondition(input.rank == 4 && input.shape[1] == inputChannels, "TransposedConv2D: expects input (N, \(inputChannels), H, W), got shape \(input.shape)")
    return activation.apply(addingChannelBias(transposedConv2d(input, filter: weight, stride: stride, padding: padding, outputPadding: outputPadding)))
  }
}
