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
/// Measured on MNIST (Zoo/LAPGAN/README.md, the level-0 probe): at one step a step this pair keeps
/// every digit where the reference's perceptrons drop some, but still misses the 5–15% bar.
public final class CoarseConvolutionalGenerator: Generator {
  public let latentDimension: Int
  public let sampleShape: [Int]
  let network: Sequential

  /// - Parameters:
  ///   - latentDimension: Z.
  ///   - width: W, the channels of the 8×8 map (2W at 4×4).
  ///   - channels: C.
  ///   - batchNormEpsilon: ε of the batch norms.
  public init(latentDimension: Int, width: Int, channels: Int, batchNormEpsilon: Double, using generator: inout SplitMix64) {
    precondition(latentDimension > 0 && width > 0 && channels > 0, "CoarseConvolutionalGenerator: Z \(latentDimension), W \(width) and C \(channels) must be positive")
    self.latentDimension = latentDimension
    sampleShape = [channels, 8, 8]
    network = Sequential([
      TransposedConv2D(inputChannels: latentDimension, outputChannels: 2 * width, kernelSize: 4, stride: 1, padding: 0, bias: false, using: &generator),
      BatchNorm(featureCount: 2 * width, epsilon: batchNormEpsilon),
      ReLU(),
      TransposedConv2D(inputChannels: 2 * width, outputChannels: width, kernelSize: 4, stride: 2, padding: 1, bias: false, using: &generator),
      BatchNorm(featureCount: width, epsilon: batchNormEpsilon),
      ReLU(),
      Conv2D(inputChannels: width, outputChannels: channels, kernelSize: 3, stride: 1, padding: 1, bias: false, using: &generator),
      Tanh(),
    ])
  }

  public var sublayers: [(name: String, layer: any Layer)] { [("net", network)] }

  /// z (N, Z) → x₀ (N, C, 8, 8) in [−1, 1]. The condition is ignored.
  public func callAsFunction(noise: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    precondition(noise.rank == 2 && noise.shape[1] == latentDimension, "lapgan level 0 generator: expects noise (N, \(latentDimension)), got \(noise.shape)")
    return network(noise.reshaped(to: [noise.shape[0], latentDimension, 1, 1]), context: &context)
  }
}
