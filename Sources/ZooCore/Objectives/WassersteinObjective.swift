import TensorBackend

/// The Wasserstein GAN's losses (Arjovsky et al. 2017, Algorithm 1): the critic minimises
/// E[D(G(z))] − E[D(x)], an estimate of −W₁(P_r, P_g) up to the critic's Lipschitz constant, and
/// the generator minimises −E[D(G(z))], on raw critic values.
///
/// The estimate holds only for a K-Lipschitz critic, which this objective does not enforce
/// (`needsLipschitzCritic`): the `wgan` variant clips the critic's weights to [−c, c] after every
/// step, as the paper does; WGAN-GP adds a gradient penalty instead. Its paper's settings: five
/// critic steps per generator step, RMSProp(5e-5) for both networks.
public struct WassersteinObjective: Objective {
  public static let name = "wasserstein"
  public static let summary = "Arjovsky et al. 2017: Wasserstein critic, kept Lipschitz by the variant (the wgan variant clips its weights)"
  public static let traits: ObjectiveTraits = .needsLipschitzCritic

  /// n_critic = 5, RMSProp(η = 5e-5) for both networks (Arjovsky et al. 2017, Algorithm 1).
  public static var recommendedSettings: AdversarialSettings? { .wasserstein }

  public init() {}

  public func discriminatorLoss(realLogits: Tensor, fakeLogits: Tensor) -> Tensor {
    fakeLogits.mean() - realLogits.mean()
  }

  public func generatorLoss(fakeLogits: Tensor) -> Tensor {
    (-fakeLogits).mean()
  }
}
