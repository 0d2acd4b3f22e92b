import DCGAN
import NeuralNetworks
import TensorBackend
import ZooCore

/// The conditional GAN of Mirza & Osindero 2014 ("Conditional Generative Adversarial Nets",
/// arXiv:1411.1784): the class label y conditions both players, G(z, y) and D(x, y), so the
/// generator learns p(x | y) and draws a chosen class.
///
/// Two forms (`Architecture`):
/// - `multilayer`, the default: the `cgan-mlp` reference workload (PyTorch-GAN `cgan.py`). A label
///   embedding (K × K) is concatenated to z for G (z 100 → 128 → 256 → 512 → 1024 → C·H·W,
///   batch norm with ε 0.8 on all hidden layers but the first, LeakyReLU 0.2, tanh) and to the
///   flattened image for D (→ 512 → 512 → 512 → 1, Dropout 0.4 after the second and third,
///   LeakyReLU 0.2).
/// - `convolutional`: DCGAN's networks (Radford et al. 2015), conditioned: the label embedding is
///   concatenated to z for G and broadcast over the image as extra input channels ("label maps")
///   for D.
///
/// The labels arrive as the `condition` tensor (N) of class indices; the trainer passes the real
/// batch's labels to both networks. The default objective is least squares (see
/// `defaultObjective`).
public enum ConditionalGANVariant: AdversarialVariant {
  public static let name = "cgan"
  public static let summary = "Mirza & Osindero 2014: generator and discriminator conditioned on the class label"
  public static let paper = "Mirza, Osindero. Conditional Generative Adversarial Nets. arXiv:1411.1784, 2014."
  /// Least squares (Mao et al. 2017), the loss of the `cgan-mlp` reference (`cgan.py` trains with
  /// `MSELoss` on D's raw output against targets 1 and 0). Its D loss, (MSE(D(x), 1) +
  /// MSE(D(G(z)), 0)) / 2, is exactly ours; its G loss MSE(D(G(z)), 1) lacks our ½, which only
  /// scales G's gradient by 2 (and Adam all but undoes that). The paper itself used the
  /// logistic loss: `--objective non-saturating`.
  public static let defaultObjective: any Objective.Type = LeastSquaresObjective.self
  public static var needsLabels: Bool { true }

  /// Which networks the label conditions.
  public enum Architecture: String, Codable, Sendable, CaseIterable {
    /// Multilayer perceptrons on flattened samples (images or points).
    case multilayer
    /// DCGAN's convolutional networks (images of side 4·2ⁿ, see `ConvolutionalGeometry`).
    case convolutional
  }

  /// The multilayer networks' settings.
  public struct MultilayerSettings: Codable, Sendable, Equatable {
    /// The generator's hidden layer widths.
    public var generatorWidths: [Int]
    /// The discriminator's hidden layer widths.
    public var discriminatorWidths: [Int]
    /// Batch norm after every generator hidden layer but the first.
    public var generatorBatchNorm: Bool
    /// The batch-norm ε; cgan.py passes 0.8 as `BatchNorm1d`'s second argument, which is ε.
    public var batchNormEpsilon: Double
    /// p of the dropout after every discriminator hidden layer but the first (0.4 in cgan.py);
    /// 0 for none.
    public var dropoutProbability: Double
    /// The slope of the LeakyReLUs.
    public var negativeSlope: Double
    /// tanh at the generator's output (images in [−1, 1]); linear otherwise (points).
    public var tanhOutput: Bool

    public init(
      generatorWidths: [Int], discriminatorWidths: [Int], generatorBatchNorm: Bool, batchNormEpsilon: Double,
      dropoutProbability: Double, negativeSlope: Double, tanhOutput: Bool
    ) {
      self.generatorWidths = generatorWidths
      self.discriminatorWidths = discriminatorWidths
      self.generatorBatchNorm = generatorBatchNorm
      self.batchNormEpsilon = batchNormEpsilon
      self.dropoutProbability = dropoutProbability
      self.negativeSlope = negativeSlope
      self.tanhOutput = tanhOutput
    }
  }

  /// The convolutional networks' settings (those of `dcgan`).
  public struct ConvolutionalSettings: Codable, Sendable, Equatable {
    /// ngf, the generator's last hidden channels (doubling towards the input).
    public var generatorWidth: Int
    /// ndf, the discriminator's first channels (doubling with every stride-2 layer).
    public var discriminatorWidth: Int
    /// What normalizes the discriminator's hidden layers: `batch`, `layer` (the default with
    /// WGAN-GP) or `none`.
    public var criticNormalization: CriticNormalization
    /// The slope of the discriminator's LeakyReLUs.
    public var negativeSlope: Double
    /// ε of the batch and layer norms.
    public var batchNormEpsilon: Double

    public init(generatorWidth: Int, discriminatorWidth: Int, criticNormalization: CriticNormalization, negativeSlope: Double, batchNormEpsilon: Double) {
      self.generatorWidth = generatorWidth
      self.discriminatorWidth = discriminatorWidth
      self.criticNormalization = criticNormalization
      self.negativeSlope = negativeSlope
      self.batchNormEpsilon = batchNormEpsilon
    }
  }

  /// The conditional GAN's settings.
  public struct Configuration: Codable, Sendable, Equatable {
    /// `multilayer` (the default, the `cgan-mlp` workload) or `convolutional` (DCGAN's networks).
    public var architecture: Architecture
    /// Z, the noise length.
    public var latentDimension: Int
    /// The length of the learned label vectors (K, the class count, in cgan.py).
    public var embeddingDimension: Int
    /// Used when `architecture` is `multilayer`.
    public var multilayer: MultilayerSettings
    /// Used when `architecture` is `convolutional`.
    public var convolutional: ConvolutionalSettings
    /// k, optimizers.
    public var training: AdversarialSettings

    public init(
      architecture: Architecture, latentDimension: Int, embeddingDimension: Int, multilayer: MultilayerSettings,
      convolutional: ConvolutionalSettings, training: AdversarialSettings
    ) {
      self.architecture = architecture
      self.latentDimension = latentDimension
      self.embeddingDimension = embeddingDimension
      self.multilayer = multilayer
      self.convolutional = convolutional
      self.training = training
    }
  }

  public static func defaultConfiguration(for data: DataDescription, objective: any Objective.Type) -> Configuration {
    var configuration = networkDefaults(for: data)
    if let settings = objective.recommendedSettings { configuration.training = settings }
    if objective.traits.contains(.penalizesCriticGradient) { configuration.convolutional.criticNormalization = .layer }
    return configuration
  }

  static func networkDefaults(for data: DataDescription) -> Configuration {
    let classCount = data.classCount ?? 10
    let convolutional = ConvolutionalSettings(generatorWidth: 64, discriminatorWidth: 64, criticNormalization: .batch, negativeSlope: 0.2, batchNormEpsilon: 1e-5)
    switch data.kind {
    case .images:
      return Configuration(
        architecture: .multilayer, latentDimension: 100, embeddingDimension: classCount,
        multilayer: MultilayerSettings(
          generatorWidths: [128, 256, 512, 1024], discriminatorWidths: [512, 512, 512], generatorBatchNorm: true,
          batchNormEpsilon: 0.8, dropoutProbability: 0.4, negativeSlope: 0.2, tanhOutput: true),
        convolutional: convolutional, training: .dcgan)
    case .points:
      // The vanilla GAN's point networks, conditioned (not tuned for the conditional game).
      return Configuration(
        architecture: .multilayer, latentDimension: data.sampleSize, embeddingDimension: classCount,
        multilayer: MultilayerSettings(
          generatorWidths: [128, 128], discriminatorWidths: [128], generatorBatchNorm: false,
          batchNormEpsilon: 1e-5, dropoutProbability: 0, negativeSlope: 0.2, tanhOutput: false),
        convolutional: convolutional,
        training: AdversarialSettings(generatorOptimizer: .adam(learningRate: 1e-4, beta1: 0.5), discriminatorOptimizer: .adam(learningRate: 1e-4, beta1: 0.5)))
    }
  }

  /// cgan.py's batch 64; on images 37,500 steps (40 MNIST epochs: at 21 one seed of three drew
  /// a digit as asked only 92.6% of the time; at 40 every digit reaches 95% on seeds 0, 1 and 2,
  /// README), on points 25,000 as the vanilla GAN.
  public static func defaultSchedule(for data: DataDescription, objective: any Objective.Type) -> TrainingSchedule {
    switch data.kind {
    case .images: return TrainingSchedule(steps: 37_500, batchSize: 64)
    case .points: return TrainingSchedule(steps: 25_000, batchSize: 512)
    }
  }

  /// - Throws: `UnsupportedDataError` for unlabelled data, and for points or unsupported image
  ///   sizes with the convolutional networks; `InvalidConfigurationError` for impossible settings.
  public static func makeTrainer(
    configuration: Configuration, data: DataDescription, objective: any Objective, environment: TrainingEnvironment,
    using generator: inout SplitMix64
  ) throws -> any Trainer {
    guard let classCount = data.classCount else {
      throw UnsupportedDataError("cgan is conditioned on class labels and the data has none; train it on a labelled dataset, or train an unconditional variant (`gan`, `dcgan`)")
    }
    guard classCount >= 1 else { throw UnsupportedDataError("cgan: the data declares \(classCount) classes") }
    try configuration.validate()
    let g: any Generator, d: any Discriminator
    switch configuration.architecture {
    case .multilayer:
      g = ConditionalMultilayerGenerator(configuration: configuration, sampleShape: data.sampleShape, classCount: classCount, using: &generator)
      d = ConditionalMultilayerDiscriminator(configuration: configuration, sampleShape: data.sampleShape, classCount: classCount, using: &generator)
    case .convolutional:
      let geometry = try DCGANVariant.imageGeometry(for: data, variant: "cgan with the convolutional architecture")
      let convolutionalG = ConditionalConvolutionalGenerator(configuration: configuration, geometry: geometry, classCount: classCount, using: &generator)
      let convolutionalD = ConditionalConvolutionalDiscriminator(configuration: configuration, geometry: geometry, classCount: classCount, using: &generator)
      // Radford et al. 2015: convolutions from N(0, 0.02), batch-norm γ from N(1, 0.02); the
      // label embeddings keep their N(0, 1).
      convolutionalG.applyDCGANInitialization(using: &generator)
      convolutionalD.applyDCGANInitialization(using: &generator)
      g = convolutionalG
      d = convolutionalD
    }
    return AdversarialTrainer(generator: g, discriminator: d, objective: objective, settings: configuration.training, environment: environment)
  }
}

extension ConditionalGANVariant.Configuration {
  func validate() throws {
    var positive = [("latentDimension", latentDimension), ("embeddingDimension", embeddingDimension)]
    switch architecture {
    case .multilayer:
      positive += multilayer.generatorWidths.map { ("multilayer.generatorWidths", $0) }
      positive += multilayer.discriminatorWidths.map { ("multilayer.discriminatorWidths", $0) }
      guard multilayer.dropoutProbability >= 0 && multilayer.dropoutProbability < 1 else {
        throw InvalidConfigurationError("cgan: multilayer.dropoutProbability must lie in [0, 1), got \(multilayer.dropoutProbability)")
      }
    case .convolutional:
      positive += [("convolutional.generatorWidth", convolutional.generatorWidth), ("convolutional.discriminatorWidth", convolutional.discriminatorWidth)]
    }
    for (key, value) in positive where value <= 0 {
      throw InvalidConfigurationError("cgan: \(key) must be positive, got \(value)")
    }
  }
}
