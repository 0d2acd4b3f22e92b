import NeuralNetworks
import TensorBackend
import ZooCore

/// G(z, y) of the multilayer conditional GAN (PyTorch-GAN `cgan.py`): the label's embedding
/// e(y) (N, E) is put before the noise, [e(y), z] (N, E + Z) → dense layers with LeakyReLU (batch
/// norm on all but the first) → dense to the sample size → tanh or linear → (N, sample shape…).
///
/// Tensor names follow cgan.py: "label_emb.weight", "model.0.weight", ….
public final class ConditionalMultilayerGenerator: ClassConditionalGenerator {
  public let latentDimension: Int
  public let sampleShape: [Int]
  /// K.
  public let classCount: Int
  let labelEmbedding: Embedding
  let network: Sequential

  public init(configuration: ConditionalGANVariant.Configuration, sampleShape: [Int], classCount: Int, using generator: inout SplitMix64) {
    let settings = configuration.multilayer
    latentDimension = configuration.latentDimension
    self.sampleShape = sampleShape
    self.classCount = classCount
    labelEmbedding = Embedding(classCount: classCount, dimension: configuration.embeddingDimension, using: &generator)
    var layers = MultilayerPerceptron.layers(
      inputSize: configuration.embeddingDimension + configuration.latentDimension, hiddenWidths: settings.generatorWidths,
      outputSize: sampleShape.reduce(1, *), negativeSlope: settings.negativeSlope,
      batchNormEpsilon: settings.generatorBatchNorm ? settings.batchNormEpsilon : nil, using: &generator)
    if settings.tanhOutput { layers.append(Tanh()) }
    network = Sequential(layers)
  }

  public var sublayers: [(name: String, layer: any Layer)] { [("label_emb", labelEmbedding), ("model", network)] }

  /// z (N, Z), labels (N) → x (N, sample shape…). Without labels sample i takes class i mod K.
  public func callAsFunction(noise: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    precondition(noise.rank == 2 && noise.shape[1] == latentDimension, "cgan generator: expects noise (N, \(latentDimension)), got \(noise.shape)")
    let n = noise.shape[0]
    let labels = ClassLabels.read(condition, count: n, classCount: classCount, network: "cgan generator")
    let input = Tensor.concatenate([labelEmbedding(labels: labels), noise], alongAxis: 1)
    return network(input, context: &context).reshaped(to: [n] + sampleShape)
  }
}
