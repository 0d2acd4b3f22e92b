import NeuralNetworks
import TensorBackend
import ZooCore

/// G₀ as a small convolutional network (`coarseNetworks=convolutional`): z (N, Z) viewed as
/// (N, Z, 1, 1) → 4×4 transposed convolution to (N, 2W, 4, 4), batch norm, ReLU → stride-2 4×4
/// transposed convolution to (N, W, 8, 8), batch norm, ReLU → 3×3 convolution to (N, C, 8, 8) →
/// tanh. DCGAN's generator (Radford et al. 2015) with one more convolution at the output side, so
/// every output pixel mixes a 3×3 neighbourhood of 8×8 features instead of coming from one
/// transposed filter tap; no biases (batch norm's shift replaces them), PyTorch's default
/// initialization as the reference's networks.
///
/// For CC-LAPGAN the class conditions it as `CoarseGenerator`: a learned label vector e(y) (N, K)
/// is put before the noise, [e(y), z] viewed as (N, K + Z, 1, 1).
public final class CoarseConvolutionalGenerator: Generator {
  public let latentDimension: Int
  public let sampleShape: [Int]
  /// K for a class-conditional level, else nil.
  public var classCount: Int? { labelEmbedding?.classCount }
  let labelEmbedding: Embedding?
  let network: Sequential

  /// - Parameters:
  ///   - latentDimension: Z.
  ///   - width: W, the channels of the 8×8 map (2W at 4×4).
  ///   - channels: C.
  ///   - batchNormEpsilon: ε of the batch norms.
  ///   - classCount: K, for a class-conditional level.
  public init(latentDimension: Int, width: Int, channels: Int, batchNormEpsilon: Double, classCount: Int? = nil, using generator: inout SplitMix64) {
    precondition(latentDimension > 0 && width > 0 && channels > 0, "CoarseConvolutionalGenerator: Z \(latentDimension), W \(width) and C \(channels) must be positive")
    self.latentDimension = latentDimension
    sampleShape = [channels, 8, 8]
    labelEmbedding = classCount.map { Embedding(classCount: $0, dimension: $0, using: &generator) }
    network = Sequential([
      TransposedConv2D(inputChannels: latentDimension + (classCount ?? 0), outputChannels: 2 * width, kernelSize: 4, stride: 1, padding: 0, bias: false, using: &generator),
      BatchNorm(featureCount: 2 * width, epsilon: batchNormEpsilon),
      ReLU(),
      TransposedConv2D(inputChannels: 2 * width, outputChannels: width, kernelSize: 4, stride: 2, padding: 1, bias: false, using: &generator),
      BatchNorm(featureCount: width, epsilon: batchNormEpsilon),
      ReLU(),
      Conv2D(inputChannels: width, outputChannels: channels, kernelSize: 3, stride: 1, padding: 1, bias: false, using: &generator),
      Tanh(),
    ])
  }

  public var sublayers: [(name: String, layer: any Layer)] {
    (labelEmbedding.map { [("label_embedding", $0 as any Layer)] } ?? []) + [("net", network)]
  }

  /// z (N, Z) [, labels (N)] → x₀ (N, C, 8, 8) in [−1, 1]. Without labels a conditional level
  /// draws class i mod K for sample i; an unconditional one ignores the condition.
  public func callAsFunction(noise: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    precondition(noise.rank == 2 && noise.shape[1] == latentDimension, "lapgan level 0 generator: expects noise (N, \(latentDimension)), got \(noise.shape)")
    let n = noise.shape[0]
    let input = CoarseCondition.coarseInput(noise: noise, condition: condition, labelEmbedding: labelEmbedding)
    return network(input.reshaped(to: [n, input.shape[1], 1, 1]), context: &context)
  }
}
