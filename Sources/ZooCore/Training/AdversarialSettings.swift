/// The settings of the adversarial game that every GAN variant shares.
public struct AdversarialSettings: Codable, Sendable, Equatable {
  /// k in Algorithm 1 of Goodfellow et al. 2014: discriminator steps per generator step
  /// (the paper uses k = 1; WGAN-GP uses 5 critic steps).
  public var discriminatorStepsPerGeneratorStep: Int
  /// The generator's optimizer.
  public var generatorOptimizer: OptimizerSettings
  /// The discriminator's optimizer.
  public var discriminatorOptimizer: OptimizerSettings

  public init(discriminatorStepsPerGeneratorStep: Int = 1, generatorOptimizer: OptimizerSettings, discriminatorOptimizer: OptimizerSettings) {
    self.discriminatorStepsPerGeneratorStep = discriminatorStepsPerGeneratorStep
    self.generatorOptimizer = generatorOptimizer
    self.discriminatorOptimizer = discriminatorOptimizer
  }

  /// Adam(2e-4, β = (0.5, 0.999)) for both networks, k = 1 (Radford et al. 2015, section 4).
  public static let dcgan = AdversarialSettings(generatorOptimizer: .adam(learningRate: 2e-4, beta1: 0.5), discriminatorOptimizer: .adam(learningRate: 2e-4, beta1: 0.5))

  /// RMSProp(5e-5) for both networks, five critic steps per generator step (Arjovsky et al.
  /// 2017, Algorithm 1).
  public static let wasserstein = AdversarialSettings(
    discriminatorStepsPerGeneratorStep: 5, generatorOptimizer: .rmsprop(learningRate: 5e-5), discriminatorOptimizer: .rmsprop(learningRate: 5e-5))

  /// Adam(1e-4, β = (0, 0.9)), five critic steps per generator step (Gulrajani et al. 2017, Algorithm 1).
  public static let wassersteinGradientPenalty = AdversarialSettings(
    discriminatorStepsPerGeneratorStep: 5,
    generatorOptimizer: .adam(learningRate: 1e-4, beta1: 0, beta2: 0.9),
    discriminatorOptimizer: .adam(learningRate: 1e-4, beta1: 0, beta2: 0.9))
}
