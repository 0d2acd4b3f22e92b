import NeuralNetworks
import TensorBackend
import ZooCore

/// D₀ as a small convolutional network (`coarseNetworks=convolutional`): x₀ (N, C, 8, 8) → 3×3
/// convolution to W channels, LeakyReLU → stride-2 4×4 convolution to (N, 2W, 4, 4), batch norm,
/// LeakyReLU → 4×4 convolution over the 4×4 map to one logit (N, 1). DCGAN's discriminator with
/// one more convolution at the input side (unnormalized, as DCGAN's first layer), so that the one
/// batch-normalized layer DCGAN's design puts between input and output exists at 8×8; no biases,
/// PyTorch's default initialization.
///
/// For CC-LAPGAN a learned label vector e(y) (N, K) is broadcast over the 8×8 image as K constant
/// planes after its channels, as the convolutional conditional GAN's discriminator takes it, so the
/// first convolution sees the class at every position.
public final class CoarseConvolutionalDiscriminator: Discriminator {
  /// The image channels read: C, or C·m for packs of m.
  public let inputChannels: Int
  /// K for a class-conditional level, else nil.
  public var classCount: Int? { labelEmbedding?.classCount }
  let labelEmbedding: Embedding?
  let network: Sequential

  /// - Parameters:
  ///   - inputChannels: the channels read.
  ///   - width: W, the channels of the 8×8 map (2W at 4×4).
  ///   - negativeSlope: the slope of the LeakyReLUs.
  ///   - batchNormEpsilon: ε of the batch norm.
  ///   - classCount: K, for a class-conditional level.
  public init(inputChannels: Int, width: Int, negativeSlope: Double, batchNormEpsilon: Double, classCount: Int? = nil, using generator: inout SplitMix64) {
    precondition(inputChannels > 0 && width > 0, "CoarseConvolutionalDiscriminator: input channels \(inputChannels) and W \(width) must be positive")
    self.inputChannels = inputChannels
    labelEmbedding = classCount.map { Embedding(classCount: $0, dimension: $0, using: &generator) }
    network = Sequential([
      Conv2D(inputChannels: inputChannels + (classCount ?? 0), outputChannels: width, kernelSize: 3, stride: 1, padding: 1, bias: false, using: &generator),
      LeakyReLU(negativeSlope: negativeSlope),
      Conv2D(inputChannels: width, outputChannels: 2 * width, kernelSize: 4, stride: 2, padding: 1, bias: false, using: &generator),
      BatchNorm(featureCount: 2 * width, epsilon: batchNormEpsilon),
      LeakyReLU(negativeSlope: negativeSlope),
      Conv2D(inputChannels: 2 * width, outputChannels: 1, kernelSize: 4, stride: 1, padding: 0, bias: false, using: &generator),
    ])
  }

  public var sublayers: [(name: String, layer: any Layer)] {
    (labelEmbedding.map { [("label_embedding", $0 as any Layer)] } ?? []) + [("net", network)]
  }

  /// x₀ (N, C, 8, 8) [, labels (N)] → logits (N, 1). An unconditional level ignores the condition.
  public func callAsFunction(_ x: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    precondition(x.rank == 4 && x.shape[1] == inputChannels && x.shape[2] == 8 && x.shape[3] == 8,
                 "lapgan level 0 discriminator: expects images (N, \(inputChannels), 8, 8), got \(x.shape)")
    let n = x.shape[0]
    var input = x
    if let labelEmbedding {
      guard let condition else { preconditionFailure("lapgan level 0 discriminator: needs the class labels as condition, got none") }
      let planes = labelEmbedding.maps(labels: Embedding.labels(from: condition), height: x.shape[2], width: x.shape[3])
      input = Tensor.concatenate([x, planes], alongAxis: 1)
    }
    return network(input, context: &context).reshaped(to: [n, 1])
  }
}
