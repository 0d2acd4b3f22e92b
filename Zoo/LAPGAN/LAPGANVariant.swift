import DCGAN
import NeuralNetworks
import TensorBackend
import ZooCore

/// The Laplacian pyramid of adversarial networks of Denton, Chintala, Szlam & Fergus 2015 ("Deep
/// Generative Image Models using a Laplacian Pyramid of Adversarial Networks", NIPS 2015): an
/// image drawn coarse to fine, a GAN at every level of a Laplacian pyramid.
///
/// Level 0 is a GAN on the coarsest images, 8×8 (fully connected, `CoarseGenerator` and
/// `CoarseDiscriminator`); every finer level k draws the band-pass residual hₖ of a 2× larger
/// image from the upsampled coarser image lₖ and a noise plane (`ResidualGenerator`), judged by a
/// discriminator of lₖ + hₖ (`ResidualDiscriminator`): the networks of the `lapgan32` reference
/// workload, layer for layer. Images of side S = 8·2^{L−1} take L levels (8→16→32 for 32×32,
/// 8→16→32→64 for 64×64); 28×28 digits are padded to the 32×32 pyramid (as `mnist:pad=32`) and
/// drawn cropped back. Channels come from the data.
///
/// The levels train independently on the real pyramid, all in one run, each by the shared
/// adversarial loop with the run's objective (`PyramidTrainer`); sampling chains them
/// (`PyramidGenerator`). With `conditional=true` and labelled data every level is also
/// conditioned on the class: the paper's CC-LAPGAN.
public enum LAPGANVariant: AdversarialVariant {
  public static let name = "lapgan"
  public static let summary = "Denton et al. 2015: a Laplacian pyramid of GANs, drawn coarse to fine (conditional=true: CC-LAPGAN)"
  public static let paper = "Denton, Chintala, Szlam, Fergus. Deep Generative Image Models using a Laplacian Pyramid of Adversarial Networks. NIPS 2015 (arXiv:1506.05751)."
  /// The logistic loss of the paper and the reference's `BCEWithLogitsLoss` for G and D.
  public static let defaultObjective: any Objective.Type = NonSaturatingObjective.self

  /// LAPGAN's settings; the image size, channels and number of levels come from the data.
  public struct Configuration: Codable, Sendable, Equatable {
    /// Z, the noise length of level 0 (100).
    public var latentDimension: Int
    /// Level 0's networks: small DCGAN-style convolutional networks (`convolutional`, the
    /// default: they keep MNIST's ten digits in balance where the reference's perceptrons,
    /// `multilayer`, let 5s fade and 9s swell; README).
    public var coarseNetworks: CoarseNetworks
    /// Level 0's convolutional networks: W, the channels of their 8×8 maps (2W at 4×4; 128).
    public var coarseConvolutionalWidth: Int
    /// Level 0's generator: hidden widths (1200, 1200).
    public var coarseGeneratorWidths: [Int]
    /// Level 0's discriminator: hidden widths (600, 600).
    public var coarseDiscriminatorWidths: [Int]
    /// Level 0's discriminator: p of the dropout after every hidden layer (0.5).
    public var coarseDropoutProbability: Double
    /// Level 0's discriminator: m, samples per pack (PacGAN, Lin et al. 2018): D₀ judges N/m
    /// packs of m coarse images, all real or all generated; 1 is no packing (the reference).
    public var coarsePacking: Int
    /// s, level 0's training steps per step of the pyramid, each on real batches of its own
    /// (5): the levels train independently, as in the paper, and level 0 needs more steps than
    /// the finer levels to keep every digit (README).
    public var coarseStepsPerStep: Int
    /// The finer levels' generators: hidden channels (64).
    public var residualGeneratorWidth: Int
    /// The finer levels' discriminators: channels of the first convolution, doubled in the
    /// second (64, 128).
    public var residualDiscriminatorWidth: Int
    /// The slope of the discriminators' LeakyReLUs (0.2).
    public var negativeSlope: Double
    /// ε of the generators' batch norms (PyTorch's 1e-5).
    public var batchNormEpsilon: Double
    /// Condition every level on the class (CC-LAPGAN); needs labelled data.
    public var conditional: Bool
    /// k and the optimizers, the same at every level.
    public var training: AdversarialSettings

    public init(
      latentDimension: Int = 100, coarseNetworks: CoarseNetworks = .convolutional, coarseConvolutionalWidth: Int = 128, coarseGeneratorWidths: [Int] = [1200, 1200], coarseDiscriminatorWidths: [Int] = [600, 600],
      coarseDropoutProbability: Double = 0.5, coarsePacking: Int = 1, coarseStepsPerStep: Int = 5, residualGeneratorWidth: Int = 64, residualDiscriminatorWidth: Int = 64,
      negativeSlope: Double = 0.2, batchNormEpsilon: Double = 1e-5, conditional: Bool = false, training: AdversarialSettings = .dcgan
    ) {
      self.latentDimension = latentDimension
      self.coarseNetworks = coarseNetworks
      self.coarseConvolutionalWidth = coarseConvolutionalWidth
      self.coarseGeneratorWidths = coarseGeneratorWidths
      self.coarseDiscriminatorWidths = coarseDiscriminatorWidths
      self.coarseDropoutProbability = coarseDropoutProbability
      self.coarsePacking = coarsePacking
      self.coarseStepsPerStep = coarseStepsPerStep
      self.residualGeneratorWidth = residualGeneratorWidth
      self.residualDiscriminatorWidth = residualDiscriminatorWidth
      self.negativeSlope = negativeSlope
      self.batchNormEpsilon = batchNormEpsilon
      self.conditional = conditional
      self.training = training
    }

    /// Reads a configuration; runs recorded before packing, level 0's convolutional networks and
    /// its extra steps existed read as m = 1, `multilayer` and s = 1, which is how they trained.
    public init(from decoder: Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      latentDimension = try container.decode(Int.self, forKey: .latentDimension)
      coarseNetworks = try container.decodeIfPresent(CoarseNetworks.self, forKey: .coarseNetworks) ?? .multilayer
      coarseConvolutionalWidth = try container.decodeIfPresent(Int.self, forKey: .coarseConvolutionalWidth) ?? 128
      coarseGeneratorWidths = try container.decode([Int].self, forKey: .coarseGeneratorWidths)
      coarseDiscriminatorWidths = try container.decode([Int].self, forKey: .coarseDiscriminatorWidths)
      coarseDropoutProbability = try container.decode(Double.self, forKey: .coarseDropoutProbability)
      coarsePacking = try container.decodeIfPresent(Int.self, forKey: .coarsePacking) ?? 1
      coarseStepsPerStep = try container.decodeIfPresent(Int.self, forKey: .coarseStepsPerStep) ?? 1
      residualGeneratorWidth = try container.decode(Int.self, forKey: .residualGeneratorWidth)
      residualDiscriminatorWidth = try container.decode(Int.self, forKey: .residualDiscriminatorWidth)
      negativeSlope = try container.decode(Double.self, forKey: .negativeSlope)
      batchNormEpsilon = try container.decode(Double.self, forKey: .batchNormEpsilon)
      conditional = try container.decode(Bool.self, forKey: .conditional)
      training = try container.decode(AdversarialSettings.self, forKey: .training)
    }
  }

  /// The reference workload's networks and optimizers: Adam(2e-4, β = (0.5, 0.999)) for every
  /// network, k = 1; an objective with settings of its own (WGAN-GP) brings them.
  public static func defaultConfiguration(for data: DataDescription, objective: any Objective.Type) -> Configuration {
    var configuration = Configuration()
    if let settings = objective.recommendedSettings { configuration.training = settings }
    return configuration
  }

  /// The reference's batch of 64; 2,000 steps (2.1 MNIST epochs of the finer levels, 10.7 of level
  /// 0), measured with the default level 0 to keep MNIST's ten digits within 5–15% (README).
  public static func defaultSchedule(for data: DataDescription, objective: any Objective.Type) -> TrainingSchedule {
    TrainingSchedule(steps: 2_000, batchSize: 64)
  }

  /// - Throws: `UnsupportedDataError` for points, images of a size the pyramid cannot take (see
  ///   `ConvolutionalGeometry`: sides 8·2ⁿ, or even and at most a quarter below one), and
  ///   `conditional` on unlabelled data; `InvalidConfigurationError` for impossible settings.
  public static func makeTrainer(
    configuration: Configuration, data: DataDescription, objective: any Objective, environment: TrainingEnvironment,
    using generator: inout SplitMix64
  ) throws -> any Trainer {
    let geometry = try DCGANVariant.imageGeometry(for: data, variant: name)
    try configuration.validate()
    var classCount: Int?
    if configuration.conditional {
      guard let count = data.classCount, count >= 1 else {
        throw UnsupportedDataError("lapgan with conditional=true draws a chosen class, and the data has no labels; train it on a labelled dataset, or without conditional=true")
      }
      classCount = count
    }
    let channels = geometry.channels
    // ConvolutionalGeometry's n: the model side is 4·2ⁿ, so the pyramid 8, 16, …, 4·2ⁿ has n levels.
    let sides = (0..<geometry.resamplingCount).map { 8 << $0 }
    let range = data.valueRange ?? -1...1
    var trainers: [AdversarialTrainer] = []
    if configuration.coarsePacking > 1 && classCount != nil {
      throw InvalidConfigurationError("lapgan: coarsePacking applies to the unconditional pyramid; a pack of coarse images shares no one class, so use it without conditional=true")
    }
    let (coarseG, coarseD) = try makeCoarseLevel(configuration: configuration, channels: channels, classCount: classCount, environment: environment, using: &generator)
    trainers.append(AdversarialTrainer(generator: coarseG, discriminator: coarseD, objective: objective, settings: configuration.training, environment: environment))
    var refinements: [ResidualGenerator] = []
    for side in sides.dropFirst() {
      let g = ResidualGenerator(
        channels: channels, side: side, width: configuration.residualGeneratorWidth, batchNormEpsilon: configuration.batchNormEpsilon,
        classCount: classCount, using: &generator)
      let d = ResidualDiscriminator(
        channels: channels, side: side, width: configuration.residualDiscriminatorWidth, negativeSlope: configuration.negativeSlope,
        classCount: classCount, using: &generator)
      refinements.append(g)
      trainers.append(AdversarialTrainer(generator: g, discriminator: d, objective: objective, settings: configuration.training, environment: environment))
    }
    let sampler = classCount == nil
      ? PyramidGenerator(coarsest: coarseG, refinements: refinements, valueRange: range, margin: geometry.margin)
      : ClassConditionalPyramidGenerator(coarsest: coarseG, conditionalClassCount: classCount, refinements: refinements, valueRange: range, margin: geometry.margin)
    return PyramidTrainer(
      levels: trainers, sampler: sampler, margin: geometry.margin, paddingValue: range.lowerBound, coarseStepsPerStep: configuration.coarseStepsPerStep)
  }
}

extension LAPGANVariant {
  /// Level 0's generator and discriminator (D packed when asked), the generator's weights drawn
  /// first; both conditioned on the class for CC-LAPGAN.
  static func makeCoarseLevel(
    configuration: Configuration, channels: Int, classCount: Int?, environment: TrainingEnvironment, using generator: inout SplitMix64
  ) throws -> (any Generator, any Discriminator) {
    let shape = [channels, 8, 8]
    switch configuration.coarseNetworks {
    case .multilayer:
      let g = CoarseGenerator(
        latentDimension: configuration.latentDimension, hiddenWidths: configuration.coarseGeneratorWidths,
        sampleShape: shape, classCount: classCount, using: &generator)
      let d = try PackedDiscriminator.make(
        packing: configuration.coarsePacking, sampleShape: shape, environment: environment, setting: "lapgan: coarsePacking"
      ) { shape in
        CoarseDiscriminator(
          sampleShape: shape, hiddenWidths: configuration.coarseDiscriminatorWidths,
          dropoutProbability: configuration.coarseDropoutProbability, classCount: classCount, using: &generator)
      }
      return (g, d)
    case .convolutional:
      let g = CoarseConvolutionalGenerator(
        latentDimension: configuration.latentDimension, width: configuration.coarseConvolutionalWidth, channels: channels,
        batchNormEpsilon: configuration.batchNormEpsilon, classCount: classCount, using: &generator)
      let d = try PackedDiscriminator.make(
        packing: configuration.coarsePacking, sampleShape: shape, environment: environment, setting: "lapgan: coarsePacking"
      ) { shape in
        CoarseConvolutionalDiscriminator(
          inputChannels: shape[0], width: configuration.coarseConvolutionalWidth, negativeSlope: configuration.negativeSlope,
          batchNormEpsilon: configuration.batchNormEpsilon, classCount: classCount, using: &generator)
      }
      return (g, d)
    }
  }
}

/// What level 0 of the pyramid is made of.
public enum CoarseNetworks: String, Codable, Sendable, CaseIterable {
  /// The reference's perceptrons: G₀ z → 1200 → 1200 → C·64, D₀ C·64 → 600 → 600 → 1 with dropout.
  case multilayer
  /// DCGAN-style convolutional networks at 8×8: G₀ z → (2W, 4, 4) → (W, 8, 8) → (C, 8, 8), D₀
  /// (C, 8, 8) → (W, 8, 8) → (2W, 4, 4) → 1 (`CoarseConvolutionalGenerator`,
  /// `CoarseConvolutionalDiscriminator`).
  case convolutional
}

extension LAPGANVariant.Configuration {
  func validate() throws {
    let positive = [("latentDimension", latentDimension), ("coarseConvolutionalWidth", coarseConvolutionalWidth), ("coarseStepsPerStep", coarseStepsPerStep), ("residualGeneratorWidth", residualGeneratorWidth), ("residualDiscriminatorWidth", residualDiscriminatorWidth)]
      + coarseGeneratorWidths.map { ("coarseGeneratorWidths", $0) } + coarseDiscriminatorWidths.map { ("coarseDiscriminatorWidths", $0) }
    for (key, value) in positive where value <= 0 {
      throw InvalidConfigurationError("lapgan: \(key) must be positive, got \(value)")
    }
    guard coarseDropoutProbability >= 0 && coarseDropoutProbability < 1 else {
      throw InvalidConfigurationError("lapgan: coarseDropoutProbability must lie in [0, 1), got \(coarseDropoutProbability)")
    }
  }
}
