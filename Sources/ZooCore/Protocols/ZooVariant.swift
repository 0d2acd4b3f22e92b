import TensorBackend

/// A model of the zoo, as the runner sees it: a name, a summary, a configuration with documented
/// defaults, and how to build its trainer.
///
/// Adding a variant means a target under `Zoo/` with one type conforming to this protocol, and
/// one line in the runner's registry list.
public protocol ZooVariant {
  /// The model's settings: architecture widths, latent size, optimizers, k. `Codable` so a run
  /// records it and `--set key=value` can override any field.
  associatedtype Configuration: Codable & Sendable & Equatable

  /// Kebab-case name: the CLI argument and the RESULTS.md key.
  static var name: String { get }
  /// One line for `zoo list`.
  static var summary: String { get }
  /// The paper the variant implements.
  static var paper: String { get }
  /// The objective used when the user names none.
  static var defaultObjective: any Objective.Type { get }
  /// Whether the model needs class labels (a conditional model).
  static var needsLabels: Bool { get }

  /// The defaults for data of this kind trained with `objective` (whose paper may prescribe its
  /// own optimizer settings, see `Objective.recommendedSettings`).
  static func defaultConfiguration(for data: DataDescription, objective: any Objective.Type) -> Configuration

  /// How long and on what batch size the variant trains on data of this kind with `objective` by
  /// default (an objective with k critic steps costs about k times as much per step, so a variant
  /// may schedule it differently).
  static func defaultSchedule(for data: DataDescription, objective: any Objective.Type) -> TrainingSchedule

  /// Builds models and optimizers for minibatches of `batchSize`, initialised from `generator`.
  static func makeTrainer(
    configuration: Configuration, data: DataDescription, objective: any Objective, batchSize: Int,
    using generator: inout SplitMix64
  ) throws -> any Trainer
}

extension ZooVariant {
  public static var needsLabels: Bool { false }
}

/// How long a run trains and on what minibatch size.
public struct TrainingSchedule: Codable, Sendable, Equatable {
  /// Training iterations.
  public var steps: Int
  /// N, samples per minibatch.
  public var batchSize: Int

  public init(steps: Int, batchSize: Int) {
    self.steps = steps
    self.batchSize = batchSize
  }
}
