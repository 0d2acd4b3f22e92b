import NeuralNetworks
import TensorBackend
import ZooCore

/// The generative adversarial network of Goodfellow et al. 2014 ("Generative Adversarial Nets",
/// NeurIPS): a multilayer-perceptron generator and discriminator playing the two-player game,
/// trained by the zoo's one adversarial loop.
///
/// On images the networks are those of the `gan-mlp` reference workload (eriklindernoren's
/// PyTorch-GAN `gan.py`): G z(100) → 128 → 256 → 512 → 1024 → C·H·W with batch norm and
/// LeakyReLU 0.2, tanh out; D C·H·W → 512 → 256 → 1 with LeakyReLU 0.2. On points the networks
/// are three ReLU layers of 128 with a linear output and a spectrally normalized D; WGAN-GP on
/// points gets its paper's toy setup (`wassersteinPointConfiguration`). Packing (PacGAN) and
/// spectral normalization are options on any data (`packing`, `spectralNorm`).
public enum VanillaGANVariant: AdversarialVariant {
  public static let name = "gan"
  public static let summary = "Goodfellow et al. 2014: multilayer-perceptron generator and discriminator"
  public static let paper = "Goodfellow, Pouget-Abadie, Mirza, Xu, Warde-Farley, Ozair, Courville, Bengio. Generative Adversarial Nets. NeurIPS 2014."
  public static let defaultObjective: any Objective.Type = NonSaturatingObjective.self

  /// The vanilla GAN's settings (their JSON keys are what `--set` takes).
  public struct Configuration: Codable, Sendable, Equatable {
    /// Z, the noise length.
    public var latentDimension: Int
    /// The generator's hidden layer widths.
    public var generatorWidths: [Int]
    /// The discriminator's hidden layer widths.
    public var discriminatorWidths: [Int]
    /// Batch norm after every generator hidden layer but the first.
    public var generatorBatchNorm: Bool
    /// The batch-norm ε. gan.py passes 0.8 as `BatchNorm1d`'s second argument, which is ε.
    public var batchNormEpsilon: Double
    /// The slope of the LeakyReLU activations.
    public var negativeSlope: Double
    /// tanh at the generator's output (images in [−1, 1]); linear otherwise (points).
    public var tanhOutput: Bool
    /// k, optimizers.
    public var training: AdversarialSettings
    /// m, samples per pack (PacGAN, Lin et al. 2018): D judges N/m packs of m samples each, all
    /// real or all generated; 1 is no packing. m must divide the batch size.
    public var packing: Int
    /// Spectral normalization of every discriminator layer (Miyato et al. 2018).
    public var spectralNorm: Bool

    public init(
      latentDimension: Int, generatorWidths: [Int], discriminatorWidths: [Int], generatorBatchNorm: Bool,
      batchNormEpsilon: Double, negativeSlope: Double, tanhOutput: Bool, training: AdversarialSettings,
      packing: Int = 1, spectralNorm: Bool = false
    ) {
      self.latentDimension = latentDimension
      self.generatorWidths = generatorWidths
      self.discriminatorWidths = discriminatorWidths
      self.generatorBatchNorm = generatorBatchNorm
      self.batchNormEpsilon = batchNormEpsilon
      self.negativeSlope = negativeSlope
      self.tanhOutput = tanhOutput
      self.training = training
      self.packing = packing
      self.spectralNorm = spectralNorm
    }

    /// Reads a configuration; runs recorded before packing and spectral normalization existed
    /// read as m = 1 without spectral normalization, which is how they trained.
    public init(from decoder: Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      latentDimension = try container.decode(Int.self, forKey: .latentDimension)
      generatorWidths = try container.decode([Int].self, forKey: .generatorWidths)
      discriminatorWidths = try container.decode([Int].self, forKey: .discriminatorWidths)
      generatorBatchNorm = try container.decode(Bool.self, forKey: .generatorBatchNorm)
      batchNormEpsilon = try container.decode(Double.self, forKey: .batchNormEpsilon)
      negativeSlope = try container.decode(Double.self, forKey: .negativeSlope)
      tanhOutput = try container.decode(Bool.self, forKey: .tanhOutput)
      training = try container.decode(AdversarialSettings.self, forKey: .training)
      packing = try container.decodeIfPresent(Int.self, forKey: .packing) ?? 1
      spectralNorm = try container.decodeIfPresent(Bool.self, forKey: .spectralNorm) ?? false
    }
  }

  /// The defaults for `data` and `objective`: the networks' defaults for the data with the
  /// objective's recommended settings (k, optimizers) if it has any; except that on points an
  /// objective penalizing the critic's gradient (WGAN-GP) gets the setup of its paper's own toy
  /// code (see `wassersteinPointConfiguration`).
  public static func defaultConfiguration(for data: DataDescription, objective: any Objective.Type) -> Configuration {
    if data.kind == .points && objective.traits.contains(.penalizesCriticGradient) {
      return wassersteinPointConfiguration(for: data)
    }
    var configuration = networkDefaults(for: data)
    if let settings = objective.recommendedSettings { configuration.training = settings }
    return configuration
  }

  /// WGAN-GP on points, after the toy code of Gulrajani et al. 2017 (gan_toy.py in
  /// igul222/improved_wgan_training): G and D multilayer perceptrons of three ReLU hidden layers,
  /// five critic steps per generator step, Adam(1e-4, β = (0.5, 0.9)) for both, and λ = 0.1 (the
  /// objective's own default on points, `WassersteinGradientPenaltyObjective.defaultOptionValues`).
  /// The toy code's layers are 512 wide; 128 covers all 8 modes of the ring at about an eighth of
  /// the time per step. With the non-saturating defaults' networks (one critic layer of 128) the
  /// samples drift off the ring, with λ = 10 or 0.1; with these, the paper's image settings
  /// (β₁ = 0, λ = 10) cover the ring too but put fewer samples on the modes (measured; see
  /// Zoo/VanillaGAN/README.md).
  static func wassersteinPointConfiguration(for data: DataDescription) -> Configuration {
    let adam = OptimizerSettings.adam(learningRate: 1e-4, beta1: 0.5, beta2: 0.9)
    return Configuration(
      latentDimension: data.sampleSize, generatorWidths: [128, 128, 128], discriminatorWidths: [128, 128, 128],
      generatorBatchNorm: false, batchNormEpsilon: 1e-5, negativeSlope: 0, tanhOutput: false,
      training: AdversarialSettings(discriminatorStepsPerGeneratorStep: 5, generatorOptimizer: adam, discriminatorOptimizer: adam))
  }

  static func networkDefaults(for data: DataDescription) -> Configuration {
    switch data.kind {
    case .images:
      return Configuration(
        latentDimension: 100, generatorWidths: [128, 256, 512, 1024], discriminatorWidths: [512, 256],
        generatorBatchNorm: true, batchNormEpsilon: 0.8, negativeSlope: 0.2, tanhOutput: true, training: .dcgan)
    case .points:
      // Three ReLU hidden layers of 128 in each network and a spectrally normalized D (Miyato et
      // al. 2018): on the ring these cover all 8 modes in 5,000 steps on every seed measured,
      // where the earlier small networks (G 128-128, D 128, LeakyReLU 0.2), with or without
      // spectral normalization or packing, cover 0 to 7 (measured; see Zoo/VanillaGAN/README.md).
      return Configuration(
        latentDimension: data.sampleSize, generatorWidths: [128, 128, 128], discriminatorWidths: [128, 128, 128],
        generatorBatchNorm: false, batchNormEpsilon: 1e-5, negativeSlope: 0, tanhOutput: false,
        training: AdversarialSettings(generatorOptimizer: .adam(learningRate: 1e-4, beta1: 0.5), discriminatorOptimizer: .adam(learningRate: 1e-4, beta1: 0.5)),
        packing: 1, spectralNorm: true)
    }
  }

  /// Batch 64 and 10,000 steps on images; 512 and 5,000 on points (the schedule the point
  /// defaults were measured with), and with a critic-gradient penalty (WGAN-GP) on points 5,000
  /// steps of five critic steps each on batches of 256 (the toy code's batch size).
  public static func defaultSchedule(for data: DataDescription, objective: any Objective.Type) -> TrainingSchedule {
    switch data.kind {
    case .images: return TrainingSchedule(steps: 10_000, batchSize: 64)
    case .points where objective.traits.contains(.penalizesCriticGradient): return TrainingSchedule(steps: 5_000, batchSize: 256)
    case .points: return TrainingSchedule(steps: 5_000, batchSize: 512)
    }
  }

  /// - Throws: `InvalidConfigurationError` for a packing m below 1 or not dividing the batch size
  ///   (or, in a data-parallel run, a process's share of it).
  public static func makeTrainer(
    configuration: Configuration, data: DataDescription, objective: any Objective, environment: TrainingEnvironment,
    using generator: inout SplitMix64
  ) throws -> any Trainer {
    let g = MultilayerGenerator(
      latentDimension: configuration.latentDimension, hiddenWidths: configuration.generatorWidths, sampleShape: data.sampleShape,
      negativeSlope: configuration.negativeSlope, batchNormEpsilon: configuration.generatorBatchNorm ? configuration.batchNormEpsilon : nil,
      tanhOutput: configuration.tanhOutput, using: &generator)
    // Weights drawn G first, then D (as before packing existed), so a seed gives the same networks.
    let d = try PackedDiscriminator.make(
      packing: configuration.packing, sampleShape: data.sampleShape, environment: environment, setting: "gan: packing"
    ) { shape in
      MultilayerDiscriminator(
        sampleShape: shape, hiddenWidths: configuration.discriminatorWidths, negativeSlope: configuration.negativeSlope,
        spectralNormalization: configuration.spectralNorm, using: &generator)
    }
    return AdversarialTrainer(generator: g, discriminator: d, objective: objective, settings: configuration.training, environment: environment)
  }
}
