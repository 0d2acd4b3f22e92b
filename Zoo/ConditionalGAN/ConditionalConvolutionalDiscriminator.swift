import DCGAN
import NeuralNetworks
import TensorBackend
import ZooCore

/// D(x, y) of the convolutional conditional GAN: the label's embedding e(y) (N, E) is broadcast
/// over the image as E constant maps and appended to its channels, [x, e(y)] (N, C + E, S, S) →
/// DCGAN's discriminator → (N, 1). The first convolution thus sees the label at every position.
public final class ConditionalConvolutionalDiscriminator: Discriminator {
  /// K.
  public let classCount: Int
  let labelEmbedding: Embedding
  let network: ConvolutionalDiscriminator

  public init(configuration: ConditionalGANVariant.Configuration, geometry: ConvolutionalGeometry, classCount: Int, using generator: inout SplitMix64) {
    let settings = configuration.convolutional
    self.classCount = classCount
    labelEmbedding = Embedding(classCount: classCount, dimension: configuration.embeddingDimension, using: &generator)
    network = ConvolutionalDiscriminator(
      inputChannels: geometry.channels + configuration.embeddingDimension, width: settings.discriminatorWidth,
      geometry: geometry, normalization: settings.criticNormalization, negativeSlope: settings.negativeSlope,
      batchNormEpsilon: settings.batchNormEpsilon, using: &generator)
  }

  public var sublayers: [(name: String, layer: any Layer)] { [("label_embedding", labelEmbedding), ("discriminator", network)] }

  /// x (N, C, S, S), labels (N) → (N, 1).
  public func callAsFunction(_ x: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    precondition(x.rank == 4, "cgan discriminator: expects images (N, C, H, W), got \(x.shape)")
    let labels = ClassLabels.required(condition, count: x.shape[0], classCount: classCount, network: "cgan discriminator")
    let maps = labelEmbedding.maps(labels: labels, height: x.shape[2], width: x.shape[3])
    return network(Tensor.concatenate([x, maps], alongAxis: 1), condition: nil, context: &context)
  }
}
