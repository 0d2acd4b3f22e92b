import DCGAN
import NeuralNetworks
import ZooCore

extension VAEVariant {
  /// Which networks encode and decode.
  public enum Architecture: String, Codable, Sendable, CaseIterable {
    /// Perceptrons: any data (pytorch/examples' network on 28×28 digits, a small one on points).
    case multilayer
    /// DCGAN's strided convolutions: square images of side 4·2ⁿ (or a little below, cropped).
    case convolutional
  }

  /// The perceptrons' settings.
  public struct MultilayerSettings: Codable, Sendable, Equatable {
    /// The encoder's hidden widths ([400]: pytorch/examples' `fc1`).
    public var encoderWidths: [Int]
    /// The decoder's hidden widths ([400]: `fc3`).
    public var decoderWidths: [Int]
    /// The leaky ReLUs' slope; 0, ReLU, as pytorch/examples.
    public var negativeSlope: Double

    public init(encoderWidths: [Int], decoderWidths: [Int], negativeSlope: Double) {
      self.encoderWidths = encoderWidths
      self.decoderWidths = decoderWidths
      self.negativeSlope = negativeSlope
    }
  }

  /// The convolutional networks' settings.
  public struct ConvolutionalSettings: Codable, Sendable, Equatable {
    /// ngf = ndf: the decoder's last hidden channels and the encoder's first (doubling along the
    /// ladder; 32 → 32-64-128 at 32×32).
    public var width: Int

    public init(width: Int) { self.width = width }
  }

  /// The VAE's settings (their JSON keys are what `--set` takes); start from
  /// `defaultConfiguration(for:)`.
  public struct Configuration: Codable, Sendable, Equatable {
    public var architecture: Architecture
    /// Z, the latent dimension (20 in pytorch/examples).
    public var latentDimension: Int
    /// Used when `architecture` is `multilayer`.
    public var multilayer: MultilayerSettings
    /// Used when `architecture` is `convolutional`.
    public var convolutional: ConvolutionalSettings
    /// p(x | z): `bernoulli` (images) or `gaussian` (points, or images on [0, 1]).
    public var likelihood: DecoderLikelihood.Kind
    /// A Gaussian's log σ² learned per scalar (pixel or coordinate), or fixed at `variance`.
    public var learnsVariance: Bool
    /// A Gaussian's σ²: fixed, or the learned one's starting value.
    public var variance: Double
    /// Samples drawn from p(x | z) (points), or its mean E[x | z] (images, as pytorch/examples).
    public var drawsObservationNoise: Bool
    /// The IWAE protocol (Burda et al. 2016, section 5.1): every pixel binarised afresh each time
    /// it is read, xⱼ ~ Bernoulli(pixel value), with a Bernoulli likelihood, so the likelihood is
    /// a density and the figures compare with that paper's Table 1.
    public var binarizesInputs: Bool
    /// Adam(1e-3, β = (0.9, 0.999)), PyTorch's defaults as pytorch/examples uses them.
    public var optimizer: OptimizerSettings
    /// k importance samples on how many held-out samples: 5,000 on 1,000 (Burda et al. 2016's
    /// k), 500 with the convolutional networks, whose decoder costs a hundred times more.
    public var evaluation: LikelihoodEvaluation

    public init(
      architecture: Architecture, latentDimension: Int, multilayer: MultilayerSettings, convolutional: ConvolutionalSettings,
      likelihood: DecoderLikelihood.Kind, learnsVariance: Bool, variance: Double, drawsObservationNoise: Bool, binarizesInputs: Bool,
      optimizer: OptimizerSettings, evaluation: LikelihoodEvaluation
    ) {
      self.architecture = architecture
      self.latentDimension = latentDimension
      self.multilayer = multilayer
      self.convolutional = convolutional
      self.likelihood = likelihood
      self.learnsVariance = learnsVariance
      self.variance = variance
      self.drawsObservationNoise = drawsObservationNoise
      self.binarizesInputs = binarizesInputs
      self.optimizer = optimizer
      self.evaluation = evaluation
    }
  }
}

extension VAEVariant.Configuration {
  /// Throws unless the settings fit each other and `data`.
  func validate(for data: DataDescription) throws {
    let widths = multilayer.encoderWidths + multilayer.decoderWidths
    for (key, value) in [("latentDimension", latentDimension), ("convolutional.width", convolutional.width)] where value <= 0 {
      throw InvalidConfigurationError("vae: \(key) must be positive, got \(value)")
    }
    guard widths.allSatisfy({ $0 > 0 }) else { throw InvalidConfigurationError("vae: every multilayer width must be positive, got \(widths)") }
    guard variance > 0, variance.isFinite else { throw InvalidConfigurationError("vae: variance must be positive, got \(variance)") }
    guard evaluation.importanceSamples >= 1, evaluation.sampleCount >= 1 else {
      throw InvalidConfigurationError("vae: evaluation.importanceSamples and evaluation.sampleCount must be at least 1, got \(evaluation.importanceSamples) and \(evaluation.sampleCount)")
    }
    if likelihood == .bernoulli && data.kind == .points {
      throw UnsupportedDataError("vae: a Bernoulli likelihood reads values in [0, 1], images; these are points of shape \(data.sampleShape). Use --set likelihood=gaussian (the default on points)")
    }
    if binarizesInputs && likelihood != .bernoulli {
      throw InvalidConfigurationError("vae: binarizesInputs (the IWAE protocol) needs likelihood=bernoulli, got \(likelihood.rawValue)")
    }
  }
}
