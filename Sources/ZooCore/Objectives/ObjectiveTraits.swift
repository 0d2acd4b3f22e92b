/// What an objective asks of the networks it trains, declared by the objective so variants ask
/// about traits rather than about types.
public struct ObjectiveTraits: OptionSet, Sendable, Hashable {
  public let rawValue: Int

  public init(rawValue: Int) { self.rawValue = rawValue }

  /// The discriminator's loss holds a per-sample penalty on the critic's input gradient
  /// (WGAN-GP). Batch norm couples the samples of a batch and so invalidates it: the critic
  /// takes layer norm or none (Gulrajani et al. 2017, section 4).
  public static let penalizesCriticGradient = ObjectiveTraits(rawValue: 1 << 0)
  /// The losses estimate a Wasserstein distance, which holds only for a Lipschitz critic; the
  /// objective does not keep it so itself, so the variant must (WGAN's weight clipping).
  public static let needsLipschitzCritic = ObjectiveTraits(rawValue: 1 << 1)
}
