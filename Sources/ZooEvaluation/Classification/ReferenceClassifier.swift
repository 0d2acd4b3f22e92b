import NeuralNetworks
import TensorBackend

/// A small convolutional classifier of a labelled image dataset, trained on the zoo's own backend,
/// that judges what generators draw: which class a sample looks like (`predictions`), and the
/// penultimate activations (`features`) that distances between sample sets are measured in.
///
/// x (N, C, H, W) in [−1, 1] → logits (N, K), with the layers of `Architecture` (by default):
///
///     conv 5×5, 32 → ReLU → avg-pool 2 → conv 5×5, 64 → ReLU → avg-pool 2 → flatten
///       → dense F = 128 (the features) → ReLU → dropout 0.5 → dense K
///
/// Convolutions are unpadded ("valid"), so a 28×28 MNIST digit becomes 24 → 12 → 8 → 4 and a
/// 32×32 padded one 28 → 14 → 10 → 5; `Architecture.flattenedSize(for:)` says which sizes fit.
/// The layout follows LeNet-5 (LeCun et al. 1998: 5×5 convolutions, subsampling by averaging),
/// with ReLU and dropout as in PyTorch's MNIST example.
///
/// Tensor names are "features.0.weight" (first convolution), "features.3.…", "features.7.…"
/// (feature layer), "classifier.2.…" (logits), as a PyTorch module with `features` and
/// `classifier` sequential children would name them.
public final class ReferenceClassifier {
  /// The layer sizes.
  public let architecture: Architecture
  /// (C, H, W) of the images it classifies.
  public let inputShape: [Int]
  /// K.
  public let classCount: Int
  /// How it was trained and how well it does; `nil` for a network not trained yet.
  public internal(set) var provenance: Provenance?

  let network: ClassifierNetwork

  /// An untrained classifier with weights drawn from `generator` (PyTorch's default
  /// initialization). Throws when the architecture does not fit the image size.
  public init(
    inputShape: [Int], classCount: Int, architecture: Architecture = .standard,
    using generator: inout some RandomNumberGenerator
  ) throws(ReferenceClassifierError) {
    guard inputShape.count == 3, inputShape.allSatisfy({ $0 > 0 }) else {
      throw .unsupportedShape(inputShape, reason: "expected (C, H, W)")
    }
    guard classCount >= 2 else { throw .unusableData("a classifier needs at least 2 classes, got \(classCount)") }
    let flattened = try architecture.flattenedSize(for: inputShape)
    self.architecture = architecture
    self.inputShape = inputShape
    self.classCount = classCount
    network = ClassifierNetwork(
      architecture: architecture, inputChannels: inputShape[0], flattenedSize: flattened, classCount: classCount,
      using: &generator)
  }

  /// F, the length of a feature vector.
  public var featureDimension: Int { architecture.featureDimension }

  /// The number of trainable scalars.
  public var parameterCount: Int { network.parameterCount }

  /// Samples per forward pass in the inference methods: bounds memory (the first convolution's
  /// output of 512 MNIST digits is 38 MB) without making passes too small for BLAS.
  public static let inferenceBatchSize = 512

  /// The logits (N, K) of `images` (N, C, H, W), in inference mode (dropout off), recording no
  /// gradient.
  public func logits(_ images: Tensor) -> Tensor {
    inferInChunks(images) { network.classifier.inferring(from: network.features.inferring(from: $0)) }
  }

  /// The penultimate layer (N, F): the feature layer's output before its ReLU, the space
  /// Fréchet distances and precision/recall are measured in. Before the ReLU so that no
  /// coordinate is clamped at zero, closer to the Gaussian that a Fréchet distance assumes.
  public func features(_ images: Tensor) -> Tensor {
    inferInChunks(images) { network.features.inferring(from: $0) }
  }

  /// The most likely class of each image, or −1 for an image whose logits are not finite (a
  /// diverged generator's NaN samples): such an image is no class at all, never class 0.
  public func predictions(_ images: Tensor) -> [Int] {
    ClassifierJudgement.predictions(fromLogits: logits(images))
  }

  /// Applies `body` to slices of at most `inferenceBatchSize` images and joins the results.
  private func inferInChunks(_ images: Tensor, _ body: (Tensor) -> Tensor) -> Tensor {
    checkInput(images)
    return withoutGradient {
      concatenatingChunks(of: images.shape[0], size: Self.inferenceBatchSize) { range in
        body(range.count == images.shape[0] ? images : images.sliced(alongAxis: 0, range))
      }
    }
  }

  func checkInput(_ images: Tensor) {
    precondition(
      images.rank == 4 && Array(images.shape.dropFirst()) == inputShape,
      "ReferenceClassifier: expects images (N, \(inputShape.map(String.init).joined(separator: ", "))), got shape \(images.shape)")
  }
}

extension ReferenceClassifier {
  /// The layer sizes of a `ReferenceClassifier`.
  public struct Architecture: Codable, Hashable, Sendable {
    /// Output channels of each convolution block (convolution, ReLU, average pooling by 2).
    public var convolutionChannels: [Int]
    /// The side of every convolution's square filter.
    public var kernelSize: Int
    /// F, the width of the feature layer.
    public var featureDimension: Int
    /// p of the dropout before the logits.
    public var dropoutProbability: Double

    public init(convolutionChannels: [Int], kernelSize: Int, featureDimension: Int, dropoutProbability: Double) {
      self.convolutionChannels = convolutionChannels
      self.kernelSize = kernelSize
      self.featureDimension = featureDimension
      self.dropoutProbability = dropoutProbability
    }

    /// Two blocks of 32 and 64 filters of 5×5, 128 features, dropout 0.5.
    public static let standard = Architecture(convolutionChannels: [32, 64], kernelSize: 5, featureDimension: 128, dropoutProbability: 0.5)

    /// The length of a flattened image after the convolution blocks: each block maps a side s
    /// to (s − k + 1) / 2, which must be a whole, positive number (pooling takes 2×2 blocks).
    public func flattenedSize(for inputShape: [Int]) throws(ReferenceClassifierError) -> Int {
      guard !convolutionChannels.isEmpty, convolutionChannels.allSatisfy({ $0 > 0 }), kernelSize > 0, featureDimension > 0,
        dropoutProbability >= 0, dropoutProbability < 1
      else { throw .unsupportedShape(inputShape, reason: "invalid architecture \(self)") }
      var height = inputShape[1], width = inputShape[2]
      for _ in convolutionChannels {
        let (h, w) = (height - kernelSize + 1, width - kernelSize + 1)
        guard h >= 2, w >= 2, h % 2 == 0, w % 2 == 0 else {
          throw .unsupportedShape(
            inputShape,
            reason: "a \(kernelSize)×\(kernelSize) convolution turns \(height)×\(width) into \(h)×\(w), which 2×2 average pooling cannot halve; sides such as 16, 28, 32 and 64 fit")
        }
        (height, width) = (h / 2, w / 2)
      }
      return convolutionChannels.last! * height * width
    }
  }
}

/// The layers: `features` (convolution blocks, flatten, feature layer) and `classifier` (ReLU,
/// dropout, logits).
final class ClassifierNetwork: Layer {
  let features: Sequential
  let classifier: Sequential

  init(
    architecture: ReferenceClassifier.Architecture, inputChannels: Int, flattenedSize: Int, classCount: Int,
    using generator: inout some RandomNumberGenerator
  ) {
    var layers: [any Layer] = []
    var channels = inputChannels
    for outputChannels in architecture.convolutionChannels {
      layers.append(Conv2D(inputChannels: channels, outputChannels: outputChannels, kernelSize: architecture.kernelSize, using: &generator))
      layers.append(ReLU())
      layers.append(AveragePool(factor: 2))
      channels = outputChannels
    }
    layers.append(Flatten())
    layers.append(Dense(inputSize: flattenedSize, outputSize: architecture.featureDimension, using: &generator))
    features = Sequential(layers)
    classifier = Sequential {
      ReLU()
      Dropout(probability: architecture.dropoutProbability)
      Dense(inputSize: architecture.featureDimension, outputSize: classCount, using: &generator)
    }
  }

  var sublayers: [(name: String, layer: any Layer)] { [("features", features), ("classifier", classifier)] }

  func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor {
    classifier(features(input, context: &context), context: &context)
  }
}
