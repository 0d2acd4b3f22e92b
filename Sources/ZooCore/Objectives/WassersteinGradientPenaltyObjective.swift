import TensorBackend

/// Wasserstein GAN with gradient penalty (Gulrajani et al. 2017, Algorithm 1):
/// the critic minimises E[D(G(z))] − E[D(x)] + λ E[(‖∇ₓ̂ D(x̂)‖₂ − 1)²], with x̂ = εx + (1 − ε)G(z),
/// ε ~ U[0, 1] per example; the generator minimises −E[D(G(z))].
///
/// The penalty differentiates the critic's input gradient, so it runs on the backend's
/// second-order gradients. The paper's critic has no batch norm (the penalty is per example, the
/// trait `penalizesCriticGradient`); its losses are `WassersteinObjective`'s, and its defaults are λ = 10, five critic steps per generator step, Adam(1e-4, β = (0, 0.9)).
///
/// λ is the option `lambda` (`--objective wgan-gp:lambda=0.1`). Its default depends on the data:
/// 10 on images, as the paper's experiments use, and 0.1 on points, as the paper's own toy code
/// uses for its 2-D mixtures (gan_toy.py in igul222/improved_wgan_training: "smaller lambda makes
/// things faster for toy tasks").
public struct WassersteinGradientPenaltyObjective: Objective {
  public static let name = "wgan-gp"
  public static let summary = "Gulrajani et al. 2017: Wasserstein critic with gradient penalty (option lambda: 10 on images, 0.1 on points)"

  /// Five critic steps per generator step, Adam(1e-4, β = (0, 0.9)).
  public static var recommendedSettings: AdversarialSettings? { .wassersteinGradientPenalty }

  public static let traits: ObjectiveTraits = .penalizesCriticGradient

  /// λ, the penalty weight.
  public var penaltyWeight: Double

  public init(penaltyWeight: Double) {
    self.penaltyWeight = penaltyWeight
  }

  /// λ = 10, as in the paper.
  public init() { self.init(penaltyWeight: 10) }

  public static let options = [
    ObjectiveOption(key: "lambda", summary: "λ, the weight of the gradient penalty", validRange: 0...1e6),
  ]

  /// λ = 10 on images (the paper's experiments), 0.1 on points (its toy code).
  public static func defaultOptionValues(for data: DataDescription) -> [String: Double] {
    switch data.kind {
    case .images: return ["lambda": 10]
    case .points: return ["lambda": 0.1]
    }
  }

  public init(optionValues values: [String: Double]) {
    precondition(Set(values.keys).isSubset(of: ["lambda"]), "wgan-gp: unknown options \(values.keys.sorted())")
    self.init(penaltyWeight: values["lambda"] ?? 10)
  }

  public func discriminatorLoss(realLogits: Tensor, fakeLogits: Tensor) -> Tensor {
    WassersteinObjective().discriminatorLoss(realLogits: realLogits, fakeLogits: fakeLogits)
  }

  public func generatorLoss(fakeLogits: Tensor) -> Tensor {
    WassersteinObjective().generatorLoss(fakeLogits: fakeLogits)
  }

  public func discriminatorPenalty(
    real: Tensor, fake: Tensor, critic: (Tensor) -> Tensor, using generator: inout SplitMix64
  ) -> Tensor? {
    discriminatorPenalty(real: real, fake: fake, critic: critic, shard: .whole(real.shape[0]), using: &generator)
  }

  /// ε ~ U[0, 1] is drawn per sample of the whole batch and cut to `shard`.
  public func discriminatorPenalty(
    real: Tensor, fake: Tensor, critic: (Tensor) -> Tensor, shard: BatchShard, using generator: inout SplitMix64
  ) -> Tensor? {
    precondition(real.shape == fake.shape, "wgan-gp: real samples have shape \(real.shape), generated \(fake.shape)")
    precondition(real.shape[0] == shard.count, "wgan-gp: \(real.shape[0]) samples for \(shard)")
    let epsilon = shard.draw { rows in
      var epsilonShape = [Int](repeating: 1, count: real.rank)
      epsilonShape[0] = rows
      return Tensor.randomUniform(epsilonShape, dtype: real.dtype, using: &generator)
    }
    let interpolated = (real.detached * epsilon + fake.detached * (1 - epsilon)).requiringGradient()
    let gradient = critic(interpolated).sum().gradients(wrt: [interpolated], createGraph: true)[0]
    let axes = Array(1..<real.rank)
    // The small constant keeps the square root differentiable where a gradient vanishes.
    let norms = sqrt(gradient.squared().sum(alongAxes: axes) + 1e-12)
    return (norms - 1).squared().mean() * penaltyWeight
  }
}
