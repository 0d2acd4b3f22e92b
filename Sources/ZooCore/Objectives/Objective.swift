import TensorBackend

/// A GAN objective: the pair of losses the discriminator and the generator minimise, computed
/// from the discriminator's raw outputs ("logits", shape (N, 1)).
///
/// Objectives are values, not strings; the runner maps a name to a type at its edge only.
public protocol Objective: Sendable {
  /// Kebab-case name used by the CLI and the results table.
  static var name: String { get }
  /// One line: what it is and where it comes from.
  static var summary: String { get }
  /// The objective with its paper's settings.
  init()
  /// The numbers `--objective name:key=value,…` may set; none by default.
  static var options: [ObjectiveOption] { get }
  /// The value of each option for data of this kind when the command line does not set it. An
  /// objective whose paper tunes an option per kind of data (WGAN-GP's λ on toy points) says so
  /// here; keys are among `options`.
  static func defaultOptionValues(for data: DataDescription) -> [String: Double]
  /// The objective with every option set: `values` holds one value per key of `options`, each in
  /// its valid range (the runner checks the command line before calling this).
  init(optionValues values: [String: Double])
  /// The training settings the objective's paper prescribes (k, optimizers), if it prescribes
  /// any; variants use them in place of their own defaults.
  static var recommendedSettings: AdversarialSettings? { get }
  /// What the objective asks of the networks (a critic without batch norm, a Lipschitz critic);
  /// none by default.
  static var traits: ObjectiveTraits { get }

  /// The discriminator's loss on a batch of real and a batch of generated samples.
  func discriminatorLoss(realLogits: Tensor, fakeLogits: Tensor) -> Tensor
  /// The generator's loss on the discriminator's outputs for generated samples.
  func generatorLoss(fakeLogits: Tensor) -> Tensor
  /// An extra term added to the discriminator's loss that needs the discriminator itself, such as
  /// a gradient penalty; `nil` for none. `critic` maps samples to logits.
  func discriminatorPenalty(
    real: Tensor, fake: Tensor, critic: (Tensor) -> Tensor, using generator: inout SplitMix64
  ) -> Tensor?
  /// The penalty for this process's `shard` of a batch that several processes share: per-sample
  /// random draws (a gradient penalty's interpolation points) are made for the whole batch and
  /// cut to the shard, so the processes together draw what one process would. By default, the
  /// penalty above (for an objective that draws nothing per sample, or a process alone).
  func discriminatorPenalty(
    real: Tensor, fake: Tensor, critic: (Tensor) -> Tensor, shard: BatchShard, using generator: inout SplitMix64
  ) -> Tensor?
  /// The discriminator's output as a score for logs: the probability D(x) for objectives built on
  /// the logistic model, the raw critic value otherwise.
  func score(_ logits: Tensor) -> Tensor
}

extension Objective {
  public static var recommendedSettings: AdversarialSettings? { nil }

  public static var traits: ObjectiveTraits { [] }

  public static var options: [ObjectiveOption] { [] }

  public static func defaultOptionValues(for data: DataDescription) -> [String: Double] { [:] }

  public init(optionValues values: [String: Double]) {
    precondition(values.isEmpty, "\(Self.name) takes no options, got \(values.keys.sorted())")
    self.init()
  }

  public func discriminatorPenalty(
    real: Tensor, fake: Tensor, critic: (Tensor) -> Tensor, using generator: inout SplitMix64
  ) -> Tensor? { nil }

  public func discriminatorPenalty(
    real: Tensor, fake: Tensor, critic: (Tensor) -> Tensor, shard: BatchShard, using generator: inout SplitMix64
  ) -> Tensor? {
    discriminatorPenalty(real: real, fake: fake, critic: critic, using: &generator)
  }

  public func score(_ logits: Tensor) -> Tensor { logits }

  public var name: String { Self.name }
}
