import TensorBackend

/// A fully connected layer: y = x·Wᵀ + b (PyTorch's `nn.Linear`).
///
/// x (N, I) -> y (N, O), with weight W (O, I) stored as PyTorch stores it and bias b (O).
/// Parameters are named "weight" and "bias".
public final class Dense: WeightedLayer, ActivationFusing {
  public let weight: Parameter
  public let bias: Parameter?

  /// - Parameters:
  ///   - inputSize: I, the number of input features.
  ///   - outputSize: O, the number of output features.
  ///   - bias: whether to add a learned bias.
  ///   - weightInitializer, biasInitializer: PyTorch's defaults, U(−1/√I, 1/√I) for both.
  public init(
    inputSize: Int, outputSize: Int, bias: Bool = true, dtype: DType = .float32,
    weightInitializer: Initializer = .pytorchDefaultWeight,
    biasInitializer: Initializer = .pytorchDefaultBias,
    using generator: inout some RandomNumberGenerator
  ) {
    precondition(inputSize > 0 && outputSize > 0, "Dense: sizes must be positive, got \(inputSize) -> \(outputSize)")
    (weight, self.bias) = Dense.makeParameters(
      weightShape: [outputSize, inputSize], biasCount: outputSize, bias: bias, dtype: dtype,
      weightInitializer: weightInitializer, biasInitializer: biasInitializer, using: &generator)
  }

  public var inputSize: Int { weight.shape[1] }
  public var outputSize: Int { weight.shape[0] }

  public func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor {
    self(input, activation: .none, context: &context)
  }

  /// y = act(x·Wᵀ + b) in one op.
  public func callAsFunction(_ input: Tensor, activation: FusedActivation, context: inout ForwardContext) -> Tensor {
    self(input, weight: weight.value, activation: activation, context: &context)
  }

  /// y = act(x·Vᵀ + b) for a weight V (O, I) standing in for W.
  public func callAsFunction(_ input: Tensor, weight: Tensor, activation: FusedActivation, context: inout ForwardContext) -> Tensor {
    precondition(input.rank == 2 && input.shape[1] == inputSize, "Dense: expects input (N, \(inputSize)), got shape \(input.shape)")
    return linear(input, weight: weight, bias: bias?.value, activation: activation)
  }
}
