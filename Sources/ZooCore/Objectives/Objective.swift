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
  /// The training settings the objective's paper prescribes (k, optimizers), if it prescribes
  /// any; variants use them in place of their own defaults.
  static var recommendedSettings: AdversarialSettings? { get }

  /// The discriminator's loss on a batch of real and a batch of generated samples.
  func discriminatorLoss(realLogits: Tensor, fakeLogits: Tensor) -> Tensor
  /// The generator's loss on the discriminator's outputs for generated samples.
  func generatorLoss(fakeLogits: Tensor) -> Tensor
  /// An extra term added to the discriminator's loss that needs the discriminator itself, such as
  /// a gradient penalty; `nil` for none. `critic` maps samples to logits.
  func discriminatorPenalty(
    real: Tensor, fake: Tensor, critic: (Tensor) -> Tensor, using generator: inout SplitMix64
  ) -> Tensor?
  /// The discriminator's output as a score for logs: the probability D(x) for objectives built on
  /// the logistic model, the raw critic value otherwise.
  func score(_ logits: Tensor) -> Tensor
}

extension Objective {
  public static var recommendedSettings: AdversarialSettings? { nil }

  public func discriminatorPenalty(
    real: Tensor, fake: Tensor, critic: (Tensor) -> Tensor, using generator: inout SplitMix64
  ) -> Tensor? { nil }

  public func score(_ logits: Tensor) -> Tensor { logits }

  public var name: String { Self.name }
}
