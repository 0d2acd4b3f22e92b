import DCGAN
import NeuralNetworks
import TensorBackend
import ZooCore

/// G(z, y) of the convolutional conditional GAN: DCGAN's generator fed [e(y), z] (N, E + Z), the
/// label's embedding put before the noise as in the multilayer form, → (N, C, S, S) in [−1, 1].
public final class ConditionalConvolutionalGenerator: ClassConditionalGenerator {
  public let latentDimension: Int
  /// K.
  public let classCount: Int
  let labelEmbedding: Embedding
  let network: ConvolutionalGenerator

  public init(configuration: ConditionalGANVariant.Configuration, geometry: ConvolutionalGeometry, classCount: Int, using generator: inout SplitMix64) {
    latentDimension = configuration.latentDimension
    self.classCount = classCount
    labelEmbedding = Embedding(classCount: classCount, dimension: configuration.embeddingDimension, using: &generator)
    network = ConvolutionalGenerator(
      latentDimension: configuration.embeddingDimension + configuration.latentDimension,
      width: configuration.convolutional.generatorWidth, geometry: geometry,
      batchNormEpsilon: configuration.convolutional.batchNormEpsilon, using: &generator)
  }

  public var sampleShape: [Int] { network.sampleShape }

  public var sublayers: [(name: String, layer: any Layer)] { [("label_emb", labelEmbedding), ("generator", network)] }

  /// z (N, Z), labels (N) → x (N, C, S, S). Without labels sample i takes class i mod K.
  public func callAsFunction(noise: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    precondition(noise.rank == 2 && noise.shape[1] == latentDimension, "cgan generator: expects noise (N, \(latentDimension)), got \(noise.shape)")
    let labels = ClassLabels.read(condition, count: noise.shape[0], classCount: classCount, network: "cgan generator")
    let input = Tensor.concatenate([labelEmbedding(labels: labels), noise], alongAxis: 1)
    return network(noise: input, condition: nil, context: &context)
  }
}
