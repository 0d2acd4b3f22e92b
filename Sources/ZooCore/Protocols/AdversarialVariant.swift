import TensorBackend

/// A variant trained as a game between a generator and a discriminator under an `Objective`:
/// every GAN of the zoo. The objective is chosen per run (`--objective`), so the defaults and the
/// trainer take it; the plain `ZooVariant` requirements use `defaultObjective` with its default
/// options for the data.
public protocol AdversarialVariant: ZooVariant {
  /// The objective used when the user names none.
  static var defaultObjective: any Objective.Type { get }
  /// Whether the variant keeps its critic Lipschitz itself (WGAN's weight clipping), which an
  /// objective with `ObjectiveTraits.needsLipschitzCritic` requires.
  static var keepsCriticLipschitz: Bool { get }

  /// The defaults for data of this kind trained with `objective` (whose paper may prescribe its
  /// own optimizer settings, `Objective.recommendedSettings`, and whose traits may ask for
  /// another critic, `Objective.traits`).
  static func defaultConfiguration(for data: DataDescription, objective: any Objective.Type) -> Configuration
  /// How long and on what batch size the variant trains with `objective` by default (an
  /// objective with k critic steps costs about k times as much per step).
  static func defaultSchedule(for data: DataDescription, objective: any Objective.Type) -> TrainingSchedule
  /// Builds the networks and hands them, with `objective` and optimizers from `environment`, to
  /// the shared `AdversarialTrainer`.
  static func makeTrainer(
    configuration: Configuration, data: DataDescription, objective: any Objective, environment: TrainingEnvironment,
    using generator: inout SplitMix64
  ) throws -> any Trainer
}

extension AdversarialVariant {
  public static var keepsCriticLipschitz: Bool { false }

  public static func defaultConfiguration(for data: DataDescription) -> Configuration {
    defaultConfiguration(for: data, objective: defaultObjective)
  }

  public static func defaultSchedule(for data: DataDescription) -> TrainingSchedule {
    defaultSchedule(for: data, objective: defaultObjective)
  }

  public static func makeTrainer(
    configuration: Configuration, data: DataDescription, environment: TrainingEnvironment, using generator: inout SplitMix64
  ) throws -> any Trainer {
    let objective = defaultObjective.init(optionValues: defaultObjective.defaultOptionValues(for: data))
    return try makeTrainer(configuration: configuration, data: data, objective: objective, environment: environment, using: &generator)
  }
}
