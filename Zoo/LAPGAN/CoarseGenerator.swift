import NeuralNetworks
import TensorBackend
import ZooCore

/// G₀, the generator of the coarsest level (Denton et al. 2015, section 4.1: the 8×8 level is a
/// fully connected GAN): z (N, Z) → dense 1200, ReLU → dense 1200, ReLU → dense C·s², tanh →
/// x₀ (N, C, s, s), as G0 of the `lapgan32` reference workload (Z = 100, s = 8).
///
/// For CC-LAPGAN the class conditions it as in the conditional GAN: a learned label vector e(y)
/// (N, K) is put before the noise, [e(y), z] (N, K + Z).
public final class CoarseGenerator: Generator {
  public let latentDimension: Int
  public let sampleShape: [Int]
  /// K for a class-conditional level, else nil.
  public var classCount: Int? { labelEmbedding?.classCount }
  let labelEmbedding: Embedding?
  let network: Sequential

  /// - Parameters:
  ///   - latentDimension: Z.
  ///   - hiddenWidths: the hidden layers' widths (1200, 1200).
  ///   - sampleShape: (C, s, s).
  ///   - classCount: K, for a class-conditional level.
  public init(latentDimension: Int, hiddenWidths: [Int], sampleShape: [Int], classCount: Int?, using generator: inout SplitMix64) {
    self.latentDimension = latentDimension
    self.sampleShape = sampleShape
    labelEmbedding = classCount.map { Embedding(classCount: $0, dimension: $0, using: &generator) }
    let layers = MultilayerPerceptron.layers(
      inputSize: latentDimension + (classCount ?? 0), hiddenWidths: hiddenWidths, outputSize: sampleShape.reduce(1, *),
      negativeSlope: 0, using: &generator)
    network = Sequential(layers + [Tanh()])
  }

  public var sublayers: [(name: String, layer: any Layer)] {
    (labelEmbedding.map { [("label_embedding", $0 as any Layer)] } ?? []) + [("net", network)]
  }

  /// z (N, Z) [, labels (N)] → x₀ (N, C, s, s) in [−1, 1]. Without labels a conditional level
  /// draws class i mod K for sample i.
  public func callAsFunction(noise: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    precondition(noise.rank == 2 && noise.shape[1] == latentDimension, "lapgan level 0 generator: expects noise (N, \(latentDimension)), got \(noise.shape)")
    let n = noise.shape[0]
    let input = CoarseCondition.coarseInput(noise: noise, condition: condition, labelEmbedding: labelEmbedding)
    return network(input, context: &context).reshaped(to: [n] + sampleShape)
  }
}
