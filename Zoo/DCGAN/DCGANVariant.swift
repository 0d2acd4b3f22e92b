import NeuralNetworks
import TensorBackend
import ZooCore

/// The deep convolutional GAN of Radford, Metz & Chintala 2015 ("Unsupervised Representation
/// Learning with Deep Convolutional Generative Adversarial Networks", ICLR 2016): an all-
/// convolutional generator and discriminator with strided (transposed) convolutions in place of
/// pooling, batch norm, ReLU in G and LeakyReLU 0.2 in D, no dense hidden layers.
///
/// The networks size themselves to the data: n = log₂(M/4) stride-2 layers for images of side
/// M = 4·2ⁿ, so 32×32 takes 256-128-64 channels (the `dcgan32` reference workload) and 64×64
/// takes 512-256-128-64 (pytorch/examples `dcgan`, the `dcgan64` workload); 28×28 digits take
/// the 32×32 networks with a 2-pixel margin (`ConvolutionalGeometry`). Channels come from the data.
///
/// Weights are drawn as the paper says (N(0, 0.02), batch-norm γ from N(1, 0.02)) and trained with
/// Adam(2e-4, β₁ = 0.5). With WGAN-GP the critic takes layer norm in place of batch norm.
public enum DCGANVariant: AdversarialVariant {
  public static let name = "dcgan"
  public static let summary = "Radford et al. 2015: all-convolutional generator and discriminator with batch norm"
  public static let paper = "Radford, Metz, Chintala. Unsupervised Representation Learning with Deep Convolutional Generative Adversarial Networks. ICLR 2016 (arXiv:1511.06434, 2015)."
  public static let defaultObjective: any Objective.Type = NonSaturatingObjective.self

  /// DCGAN's settings. The image size and channels are not settings: they come from the data.
  public struct Configuration: Codable, Sendable, Equatable {
    /// Z (`nz`), the noise length; 100 in the paper.
    public var latentDimension: Int
    /// ngf: the generator's last hidden layer has this many channels, doubling towards the
    /// input (64 → 256-128-64 at 32×32).
    public var generatorWidth: Int
    /// ndf: the discriminator's first layer has this many channels, doubling with every
    /// stride-2 layer (64 → 64-128-256 at 32×32).
    public var discriminatorWidth: Int
    /// What normalizes the discriminator's hidden layers: `batch` (DCGAN), `layer` (the
    /// default with WGAN-GP, Gulrajani et al. 2017) or `none`.
    public var criticNormalization: CriticNormalization
    /// The slope of the discriminator's LeakyReLUs; 0.2 in the paper.
    public var negativeSlope: Double
    /// ε of the batch and layer norms (PyTorch's 1e-5).
    public var batchNormEpsilon: Double
    /// k, optimizers.
    public var training: AdversarialSettings

    public init(
      latentDimension: Int = 100, generatorWidth: Int = 64, discriminatorWidth: Int = 64,
      criticNormalization: CriticNormalization = .batch, negativeSlope: Double = 0.2, batchNormEpsilon: Double = 1e-5,
      training: AdversarialSettings = .dcgan
    ) {
      self.latentDimension = latentDimension
      self.generatorWidth = generatorWidth
      self.discriminatorWidth = discriminatorWidth
      self.criticNormalization = criticNormalization
      self.negativeSlope = negativeSlope
      self.batchNormEpsilon = batchNormEpsilon
      self.training = training
    }
  }

  /// The paper's settings: Z = 100, ngf = ndf = 64, batch norm, LeakyReLU 0.2, Adam(2e-4,
  /// β = (0.5, 0.999)). An objective with settings of its own (WGAN-GP) brings them; a critic
  /// whose gradient the objective penalizes per sample (WGAN-GP) takes layer norm in place of
  /// batch norm, as that paper advises.
  public static func defaultConfiguration(for data: DataDescription, objective: any Objective.Type) -> Configuration {
    var configuration = Configuration()
    if let settings = objective.recommendedSettings { configuration.training = settings }
    if objective.traits.contains(.penalizesCriticGradient) { configuration.criticNormalization = .layer }
    return configuration
  }

  /// Batch 64 as pytorch/examples' DCGAN (the paper's 128 takes half the updates per epoch and
  /// was measured to cost the digit balance and twice the Fréchet distance at equal epochs);
  /// 3,750 steps are four MNIST epochs (README's ablation).
  public static func defaultSchedule(for data: DataDescription, objective: any Objective.Type) -> TrainingSchedule {
    TrainingSchedule(steps: 3_750, batchSize: 64)
  }

  /// - Throws: `UnsupportedDataError` for points or images of a size the networks cannot take
  ///   (see `ConvolutionalGeometry`); `InvalidConfigurationError` for non-positive widths.
  public static func makeTrainer(
    configuration: Configuration, data: DataDescription, objective: any Objective, environment: TrainingEnvironment,
    using generator: inout SplitMix64
  ) throws -> any Trainer {
    let geometry = try imageGeometry(for: data, variant: name)
    try configuration.validate()
    let g = ConvolutionalGenerator(
      latentDimension: configuration.latentDimension, width: configuration.generatorWidth, geometry: geometry,
      batchNormEpsilon: configuration.batchNormEpsilon, using: &generator)
    let d = ConvolutionalDiscriminator(
      inputChannels: geometry.channels, width: configuration.discriminatorWidth, geometry: geometry,
      normalization: configuration.criticNormalization, negativeSlope: configuration.negativeSlope,
      batchNormEpsilon: configuration.batchNormEpsilon, using: &generator)
    // Radford et al. 2015, section 4: weights from N(0, 0.02); batch-norm γ from N(1, 0.02).
    g.applyDCGANInitialization(using: &generator)
    d.applyDCGANInitialization(using: &generator)
    return AdversarialTrainer(generator: g, discriminator: d, objective: objective, settings: configuration.training, environment: environment)
  }

  /// The geometry of image data, or an error that says why the data does not fit.
  public static func imageGeometry(for data: DataDescription, variant: String) throws -> ConvolutionalGeometry {
    guard data.kind == .images else {
      throw UnsupportedDataError("\(variant) is convolutional and needs images; this data holds points of shape \(data.sampleShape) (train `gan` on points)")
    }
    return try ConvolutionalGeometry(sampleShape: data.sampleShape, variant: variant)
  }
}

extension DCGANVariant.Configuration {
  func validate() throws {
    for (key, value) in [("latentDimension", latentDimension), ("generatorWidth", generatorWidth), ("discriminatorWidth", discriminatorWidth)] where value <= 0 {
      throw InvalidConfigurationError("dcgan: \(key) must be positive, got \(value)")
    }
  }
}
