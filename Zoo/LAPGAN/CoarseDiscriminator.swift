import NeuralNetworks
import TensorBackend
import ZooCore

/// D₀, the discriminator of the coarsest level: x₀ (N, C, s, s) flattened (N, C·s²) → dense 600,
/// ReLU, dropout 0.5 → dense 600, ReLU, dropout 0.5 → dense 1 (N, 1), as D0 of the `lapgan32`
/// reference workload.
///
/// For CC-LAPGAN a learned label vector e(y) (N, K) follows the flattened image, [x, e(y)].
public final class CoarseDiscriminator: Discriminator {
  /// K for a class-conditional level, else nil.
  public var classCount: Int? { labelEmbedding?.classCount }
  let labelEmbedding: Embedding?
  let network: Sequential

  /// - Parameters:
  ///   - sampleShape: (C, s, s).
  ///   - hiddenWidths: the hidden layers' widths (600, 600).
  ///   - dropoutProbability: p of the dropout after every hidden layer (0.5).
  ///   - classCount: K, for a class-conditional level.
  public init(sampleShape: [Int], hiddenWidths: [Int], dropoutProbability: Double, classCount: Int?, using generator: inout SplitMix64) {
    labelEmbedding = classCount.map { Embedding(classCount: $0, dimension: $0, using: &generator) }
    var layers: [any Layer] = []
    var width = sampleShape.reduce(1, *) + (classCount ?? 0)
    // The reference drops out after the first hidden layer too, which `MultilayerPerceptron`
    // (PyTorch-GAN's blocks) does not.
    for next in hiddenWidths {
      layers.append(Dense(inputSize: width, outputSize: next, using: &generator))
      layers.append(ReLU())
      if dropoutProbability > 0 { layers.append(Dropout(probability: dropoutProbability)) }
      width = next
    }
    layers.append(Dense(inputSize: width, outputSize: 1, using: &generator))
    network = Sequential(layers)
  }

  public var sublayers: [(name: String, layer: any Layer)] {
    (labelEmbedding.map { [("label_embedding", $0 as any Layer)] } ?? []) + [("net", network)]
  }

  /// x₀ (N, C, s, s) [, labels (N)] → logits (N, 1).
  public func callAsFunction(_ x: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    var input = x.flattenedBatch()
    if let labelEmbedding {
      guard let condition else { preconditionFailure("lapgan level 0 discriminator: needs the class labels as condition, got none") }
      input = Tensor.concatenate([input, labelEmbedding(labels: Embedding.labels(from: condition))], alongAxis: 1)
    }
    return network(input, context: &context)
  }
}
