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

  /// Runs the layers in order; a layer that can apply the activation after it (`ActivationFusing`
  /// followed by a `FusableActivation`) runs the pair as one step.
  public func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor {
    var x = input
    var index = 0
    while index < layers.count {
      if index + 1 < layers.count, let layer = layers[index] as? any ActivationFusing,
         let activation = layers[index + 1] as? any FusableActivation {
        x = layer(x, activation: activation.fusedActivation, context: &context)
        index += 2
      } else {
        x = layers[index](x, context: &context)
        index += 1
      }
    }
    return x
  }
}
