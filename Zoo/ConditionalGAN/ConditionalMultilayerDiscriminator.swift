import NeuralNetworks
import TensorBackend
import ZooCore

/// D(x, y) of the multilayer conditional GAN (PyTorch-GAN `cgan.py`): the flattened sample is put
/// before the label's embedding, [x, e(y)] (N, C·H·W + E) → dense layers with LeakyReLU 0.2,
/// dropout after every one but the first → one raw output (N, 1).
///
/// With cgan.py's widths 512-512-512 and p = 0.4 the layers are those of the reference, in its
/// order (dense, dropout, LeakyReLU) and with its tensor names ("label_embedding.weight",
/// "model.0.weight", …, "model.9.bias").
public final class ConditionalMultilayerDiscriminator: Discriminator {
  /// K.
  public let classCount: Int
  let labelEmbedding: Embedding
  let network: Sequential

  public init(configuration: ConditionalGANVariant.Configuration, sampleShape: [Int], classCount: Int, using generator: inout SplitMix64) {
    let settings = configuration.multilayer
    self.classCount = classCount
    labelEmbedding = Embedding(classCount: classCount, dimension: configuration.embeddingDimension, using: &generator)
    network = Sequential(MultilayerPerceptron.layers(
      inputSize: sampleShape.reduce(1, *) + configuration.embeddingDimension, hiddenWidths: settings.discriminatorWidths, outputSize: 1,
      negativeSlope: settings.negativeSlope, dropoutProbability: settings.dropoutProbability, using: &generator))
  }

  public var sublayers: [(name: String, layer: any Layer)] { [("label_embedding", labelEmbedding), ("model", network)] }

  /// x (N, sample shape…), labels (N) → (N, 1).
  public func callAsFunction(_ x: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    let labels = ClassLabels.required(condition, count: x.shape[0], classCount: classCount, network: "cgan discriminator")
    let input = Tensor.concatenate([x.flattenedBatch(), labelEmbedding(labels: labels)], alongAxis: 1)
    return network(input, context: &context)
  }
}
