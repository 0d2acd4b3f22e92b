import NeuralNetworks
import TensorBackend
import ZooCore

/// D: x (N, sample shape…) → flattened (N, C·H·W or D) → a multilayer perceptron with leaky
/// ReLUs → one logit (N, 1). The sigmoid of gan.py belongs to the objective, which reads logits
/// stably.
public final class MultilayerDiscriminator: Discriminator {
  let network: Sequential

  /// - Parameters:
  ///   - sampleShape: the shape of one sample.
  ///   - hiddenWidths: the hidden layers' widths.
  ///   - negativeSlope: the leaky ReLUs' slope (0: ReLU).
  ///   - spectralNormalization: every dense layer spectrally normalized (Miyato et al. 2018).
  public init(
    sampleShape: [Int], hiddenWidths: [Int], negativeSlope: Double, spectralNormalization: Bool = false, using generator: inout SplitMix64
  ) {
    network = Sequential(MultilayerPerceptron.layers(
      inputSize: sampleShape.reduce(1, *), hiddenWidths: hiddenWidths, outputSize: 1, negativeSlope: negativeSlope,
      spectralNormalization: spectralNormalization, using: &generator))
  }

  public var sublayers: [(name: String, layer: any Layer)] { [("model", network)] }

  public func callAsFunction(_ x: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    network(x.flattenedBatch(), context: &context)
  }
}
