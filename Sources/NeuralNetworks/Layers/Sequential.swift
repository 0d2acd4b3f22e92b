import TensorBackend

/// Layers applied one after another, each to the previous one's output (PyTorch's
/// `nn.Sequential`).
///
/// Children are named by position, "0", "1", …, counting layers without parameters too, so the
/// tensor names match PyTorch's ("0.weight", "1.running_mean").
///
/// ```swift
/// let model = Sequential {
///   Dense(inputSize: 2, outputSize: 8, using: &generator)
///   LeakyReLU(negativeSlope: 0.2)
///   if normalize { BatchNorm(featureCount: 8) }
///   Dense(inputSize: 8, outputSize: 1, using: &generator)
/// }
/// ```
public final class Sequential: Layer {
  public let layers: [any Layer]

  public init(_ layers: [any Layer]) { self.layers = layers }

  public convenience init(@LayerBuilder _ build: () -> [any Layer]) { self.init(build()) }

  public var sublayers: [(name: String, layer: any Layer)] {
    layers.enumerated().map { (name: String($0.offset), layer: $0.element) }
  }

  public func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor {
    var x = input
    for layer in layers { x = layer(x, context: &context) }
    return x
  }
}
