import NeuralNetworks
import TensorBackend
import ZooCore

/// D: x (N, sample shape…) → flattened (N, C·H·W or D) → dense layers with LeakyReLU → one
/// logit (N, 1). The sigmoid of gan.py belongs to the objective, which reads logits stably.
public final class MultilayerDiscriminator: Discriminator {
  let network: Sequential

  public init(configuration: VanillaGAN.Configuration, sampleShape: [Int], using generator: inout SplitMix64) {
    var layers: [any Layer] = []
    var width = sampleShape.reduce(1, *)
    for next in configuration.discriminatorWidths {
      layers.append(Dense(inputSize: width, outputSize: next, using: &generator))
      layers.append(LeakyReLU(negativeSlope: configuration.negativeSlope))
      width = next
    }
    layers.append(Dense(inputSize: width, outputSize: 1, using: &generator))
    network = Sequential(layers)
  }

  public var sublayers: [(name: String, layer: any Layer)] { [("model", network)] }

  public func callAsFunction(_ x: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    network(x.flattenedBatch(), context: &context)
  }
}
