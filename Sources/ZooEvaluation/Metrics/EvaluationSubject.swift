import TensorBackend
import ZooCore

/// The trained generator a metric judges, what it was trained on, and the model's likelihood
/// when it has one; and, from the evaluation that asks, where a metric puts the pictures it
/// draws and reports the progress of slow work.
public struct EvaluationSubject {
  /// The generator, at its trained weights.
  public let generator: any Generator
  /// What the data's samples look like.
  public let data: DataDescription
  /// Whether the generator draws a class it is given.
  public let isConditional: Bool
  /// Where figures go until the evaluation has succeeded.
  public let figures: EvaluationFigures
  /// Receives the stage and progress of slow work (features, neighbour searches, walks).
  public let progress: (SampleScoring.Progress) -> Void
  /// The model's likelihood of data, for a likelihood model (a VAE); `nil` for a GAN.
  public let likelihoodModel: (any LikelihoodModel)?

  public init(
    generator: any Generator, data: DataDescription, isConditional: Bool, likelihoodModel: (any LikelihoodModel)? = nil,
    figures: EvaluationFigures = EvaluationFigures(), progress: @escaping (SampleScoring.Progress) -> Void = { _ in }
  ) {
    self.generator = generator
    self.data = data
    self.isConditional = isConditional
    self.likelihoodModel = likelihoodModel
    self.figures = figures
    self.progress = progress
  }

  /// K, the classes a conditional generator draws; `nil` for an unconditional one.
  public var conditionalClassCount: Int? { isConditional ? data.classCount : nil }

  /// `count` samples with noise from `seed`, for the classes `labels` if given (one per sample; a
  /// conditional generator otherwise cycles through the classes).
  public func samples(count: Int, seed: UInt64, labels: [Int]? = nil) -> Tensor {
    precondition(labels == nil || labels!.count == count, "EvaluationSubject.samples: \(labels!.count) labels for \(count) samples")
    var random = SplitMix64(seed: seed)
    return Sampling.draw(from: generator, count: count, condition: labels.map(Sampling.condition(labels:)), using: &random)
  }

  /// A progress callback for the stage `name`: (done, total) → `progress`.
  public func stage(_ name: String) -> (Int, Int) -> Void {
    let progress = self.progress
    return { progress(SampleScoring.Progress(stage: name, done: $0, total: $1)) }
  }
}
