import DCGAN
import NeuralNetworks
import TensorBackend
import VanillaGAN
import ZooCore

/// The Wasserstein GAN of Arjovsky, Chintala & Bottou 2017 ("Wasserstein Generative Adversarial
/// Networks", ICML): the critic D estimates the Wasserstein-1 distance, max over 1-Lipschitz D of
/// E[D(x)] − E[D(G(z))], and the generator descends the estimate (`WassersteinObjective`). The
/// critic is kept Lipschitz by clipping every weight to [−c, c] after each of its steps
/// (`WeightClipping`), and both networks train with RMSProp, n_critic = 5 critic steps per
/// generator step (Algorithm 1: α = 5e-5, c = 0.01, m = 64).
///
/// The networks are the zoo's own, as the paper's are DCGAN's: on images DCGAN's convolutional
/// generator and critic (batch norm in both, as in the paper's code), on points the vanilla
/// GAN's perceptrons with ReLU. Only the clipping and the settings are this variant's; the loop
/// is the shared `AdversarialTrainer`.
public enum WassersteinGANVariant: AdversarialVariant {
  public static let name = "wgan"
  public static let summary = "Arjovsky et al. 2017: Wasserstein critic kept Lipschitz by weight clipping, RMSProp"
  public static let paper = "Arjovsky, Chintala, Bottou. Wasserstein Generative Adversarial Networks. ICML 2017 (arXiv:1701.07875)."
  public static let defaultObjective: any Objective.Type = WassersteinObjective.self
  /// The clipping keeps the critic Lipschitz whatever the objective.
  public static var keepsCriticLipschitz: Bool { true }

  /// Which networks play.
  public enum Architecture: String, Codable, Sendable, CaseIterable {
    /// The vanilla GAN's multilayer perceptrons (points or small images).
    case multilayer
    /// DCGAN's convolutional networks (images of side 4·2ⁿ).
    case convolutional
  }

  /// The multilayer networks' settings.
  public struct MultilayerSettings: Codable, Sendable, Equatable {
    /// The generator's hidden layer widths.
    public var generatorWidths: [Int]
    /// The critic's hidden layer widths.
    public var criticWidths: [Int]
    /// The slope of the leaky ReLUs; 0, plain ReLU, as in the toy code of Gulrajani et al. 2017.
    public var negativeSlope: Double
  }

  /// The convolutional networks' settings (DCGAN's).
  public struct ConvolutionalSettings: Codable, Sendable, Equatable {
    /// ngf, the generator's last hidden channels (doubling towards the input).
    public var generatorWidth: Int
    /// ndf, the critic's first channels (doubling with every stride-2 layer).
    public var criticWidth: Int
    /// What normalizes the critic's hidden layers; batch norm, as in the paper's code.
    public var criticNormalization: CriticNormalization
  }

  /// The WGAN's settings; start from `defaultConfiguration(for:objective:)` and change fields.
  public struct Configuration: Codable, Sendable, Equatable {
    public var architecture: Architecture
    /// Z, the noise length.
    public var latentDimension: Int
    /// c: after every critic step each critic parameter is clipped to [−c, c] (0.01 in the paper).
    public var clipping: Double
    /// Used when `architecture` is `multilayer`.
    public var multilayer: MultilayerSettings
    /// Used when `architecture` is `convolutional`.
    public var convolutional: ConvolutionalSettings
    /// n_critic (k) and the optimizers.
    public var training: AdversarialSettings
  }

  /// The paper's settings, n_critic = 5 and RMSProp(5e-5) (or the objective's own settings, if
  /// its paper prescribes some); on images DCGAN's networks with Z = 100 and the paper's
  /// c = 0.01; on points three ReLU layers of 128 each way, Z = D, and c = 0.1. The point
  /// networks' weights clipped to 0.01 leave a critic too weak to shape the ring (measured: 1 of
  /// 8 modes after 10,000 steps, against 8 of 8 at 0.1; see Zoo/WassersteinGAN/README.md).
  public static func defaultConfiguration(for data: DataDescription, objective: any Objective.Type) -> Configuration {
    Configuration(
      architecture: data.kind == .images ? .convolutional : .multilayer,
      latentDimension: data.kind == .images ? 100 : data.sampleSize, clipping: data.kind == .images ? 0.01 : 0.1,
      multilayer: MultilayerSettings(generatorWidths: [128, 128, 128], criticWidths: [128, 128, 128], negativeSlope: 0),
      convolutional: ConvolutionalSettings(generatorWidth: 64, criticWidth: 64, criticNormalization: .batch),
      training: objective.recommendedSettings ?? .wasserstein)
  }

  /// Batch 64 as in the paper on images, 2,000 steps; batch 256 on points (the toy code's),
  /// 10,000 steps.
  public static func defaultSchedule(for data: DataDescription, objective: any Objective.Type) -> TrainingSchedule {
    switch data.kind {
    case .images: return TrainingSchedule(steps: 2_000, batchSize: 64)
    case .points: return TrainingSchedule(steps: 10_000, batchSize: 256)
    }
  }

  /// - Throws: `UnsupportedDataError` for the convolutional networks on points or on images of a
  ///   size they cannot take; `InvalidConfigurationError` for a clipping bound that is not
  ///   positive.
  public static func makeTrainer(
    configuration: Configuration, data: DataDescription, objective: any Objective, environment: TrainingEnvironment,
    using generator: inout SplitMix64
  ) throws -> any Trainer {
    guard configuration.clipping > 0 else { throw InvalidConfigurationError("wgan: clipping must be positive, got \(configuration.clipping)") }
    let g: any Generator, d: any Discriminator
    switch configuration.architecture {
    case .multilayer:
      let settings = configuration.multilayer
      g = MultilayerGenerator(
        latentDimension: configuration.latentDimension, hiddenWidths: settings.generatorWidths, sampleShape: data.sampleShape,
        negativeSlope: settings.negativeSlope, tanhOutput: data.kind == .images, using: &generator)
      d = MultilayerDiscriminator(sampleShape: data.sampleShape, hiddenWidths: settings.criticWidths, negativeSlope: settings.negativeSlope, using: &generator)
    case .convolutional:
      let settings = configuration.convolutional
      let geometry = try DCGANVariant.imageGeometry(for: data, variant: "wgan with the convolutional architecture")
      let convolutionalG = ConvolutionalGenerator(latentDimension: configuration.latentDimension, width: settings.generatorWidth, geometry: geometry, using: &generator)
      let convolutionalD = ConvolutionalDiscriminator(
        inputChannels: geometry.channels, width: settings.criticWidth, geometry: geometry, normalization: settings.criticNormalization, using: &generator)
      // The paper's code initialises as DCGAN does: N(0, 0.02), batch-norm γ from N(1, 0.02).
      convolutionalG.applyDCGANInitialization(using: &generator)
      convolutionalD.applyDCGANInitialization(using: &generator)
      (g, d) = (convolutionalG, convolutionalD)
    }
    return AdversarialTrainer(
      generator: g, discriminator: d, objective: objective, settings: configuration.training, environment: environment,
      discriminatorConstraint: WeightClipping(bound: configuration.clipping))
  }
}
