import TensorBackend

/// A model of the zoo, as the runner sees it: a name, a summary, a configuration with documented
/// defaults, and how to build its trainer.
///
/// Nothing here is adversarial: a GAN refines this protocol as an `AdversarialVariant`, which
/// adds an objective; a model with its own loss (a VAE's ELBO) conforms to this one alone and is
/// never handed an objective. Adding a variant means a target under `Zoo/` with one type
/// conforming to either, and one line in the runner's registry list.
public protocol ZooVariant {
  /// The model's settings: architecture widths, latent size, optimizers. `Codable` so a run
  /// records it and `--set key=value` can override any field.
  associatedtype Configuration: Codable & Sendable & Equatable

  /// Kebab-case name: the CLI argument and the RESULTS.md key.
  static var name: String { get }
  /// One line for `zoo list`.
  static var summary: String { get }
  /// The paper the variant implements.
  static var paper: String { get }
  /// Whether the model needs class labels (a conditional model).
  static var needsLabels: Bool { get }

  /// The defaults for data of this kind.
  static func defaultConfiguration(for data: DataDescription) -> Configuration
  /// How long and on what batch size the variant trains on data of this kind by default.
  static func defaultSchedule(for data: DataDescription) -> TrainingSchedule
  /// Builds networks and optimizers (from `environment`) for `environment.batchSize`,
  /// initialised from `generator`. Throws when the data or configuration does not fit, with a
  /// message saying what would.
  static func makeTrainer(
    configuration: Configuration, data: DataDescription, environment: TrainingEnvironment, using generator: inout SplitMix64
  ) throws -> any Trainer
}

extension ZooVariant {
  public static var needsLabels: Bool { false }
}
