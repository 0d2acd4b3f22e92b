import TensorBackend

/// A layer with a learned weight and an optional learned bias per output feature or channel
/// (Dense, Conv2D, TransposedConv2D): how the two are drawn, named and added, written once.
///
/// Parameters are named "weight" and "bias", as PyTorch names them. The weight is drawn before
/// the bias, and the bias takes the weight's fans (PyTorch's `reset_parameters`), so the same
/// seed gives the same values as it always did.
public protocol WeightedLayer: Layer {
  /// The weight, laid out as PyTorch lays it out.
  var weight: Parameter { get }
  /// The bias (O), if the layer has one.
  var bias: Parameter? { get }
  /// The weight's axis of output features (channels): the rows of the matrix whose largest
  /// singular value `SpectralNormalization` divides by. 0 (O first); 1 for a transposed
  /// convolution, whose weight is (C, O, K, K), as PyTorch's `spectral_norm` takes it.
  static var outputAxis: Int { get }

  /// Applies the layer with `weight`, of its own weight's shape, in place of its own, then
  /// `activation`: how a reparametrization (`SpectralNormalization`) runs the layer on the weight
  /// it computes, with the gradient flowing into whatever `weight` was computed from.
  func callAsFunction(_ input: Tensor, weight: Tensor, activation: FusedActivation, context: inout ForwardContext) -> Tensor
}

extension WeightedLayer {
  public static var outputAxis: Int { 0 }

  public var ownParameters: [(name: String, parameter: Parameter)] {
    [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
  }

  /// A weight of `shape` and, if `bias`, a bias of `biasCount` values from the weight's fans.
  static func makeParameters(
    weightShape shape: [Int], biasCount: Int, bias: Bool, dtype: DType,
    weightInitializer: Initializer, biasInitializer: Initializer, using generator: inout some RandomNumberGenerator
  ) -> (weight: Parameter, bias: Parameter?) {
    let weight = Parameter(weightInitializer.tensor(shape, dtype: dtype, using: &generator))
    let bias = bias
      ? Parameter(biasInitializer.tensor([biasCount], fans: .init(weightShape: shape), dtype: dtype, using: &generator))
      : nil
    return (weight, bias)
  }

  /// y (N, O, H, W) plus the bias of each channel, if there is one.
  func addingChannelBias(_ y: Tensor) -> Tensor {
    guard let bias else { return y }
    return y + bias.value.reshaped(to: [1, bias.shape[0], 1, 1])
  }
}
