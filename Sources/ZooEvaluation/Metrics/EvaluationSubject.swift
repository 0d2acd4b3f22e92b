import TensorBackend
import ZooCore

/// The trained generator a metric judges, what it was trained on, and the model's likelihood
/// when it has one.
public struct EvaluationSubject {
  /// The generator, at its trained weights.
  public let generator: any Generator
  /// What the data's samples look like.
  public let data: DataDescription
  /// Whether the generator draws a class it is given.
  public let isConditional: Bool
  /// The model's likelihood of data, for a likelihood model (a VAE); `nil` for a GAN.
  public let likelihoodModel: (any LikelihoodModel)?

  public init(generator: any Generator, data: DataDescription, isConditional: Bool, likelihoodModel: (any LikelihoodModel)? = nil) {
    self.generator = generator
    self.data = data
    self.isConditional = isConditional
    self.likelihoodModel = likelihoodModel
  }

  /// `count` samples with noise from `seed`, for the classes `labels` if given (one per sample; a
  /// conditional generator otherwise cycles through the classes).
  public func samples(count: Int, seed: UInt64, labels: [Int]? = nil) -> Tensor {
    precondition(labels == nil || labels!.count == count, "EvaluationSubject.samples: \(labels!.count) labels for \(count) samples")
    var random = SplitMix64(seed: seed)
    return Sampling.draw(from: generator, count: count, condition: labels.map(Sampling.condition(labels:)), using: &random)
  }
}
