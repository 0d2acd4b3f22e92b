import NeuralNetworks
import TensorBackend
import ZooCore

/// DCGAN's generator (Radford et al. 2015, figure 1; pytorch/examples `dcgan`): z (N, Z) viewed
/// as (N, Z, 1, 1) → 4×4 transposed convolution (stride 1, no padding) to (N, ngf·2ⁿ⁻¹, 4, 4) →
/// n − 1 stride-2 4×4 transposed convolutions (padding 1), each doubling the side and halving the
/// channels → a last stride-2 one to (N, C, M, M) → tanh. Batch norm and ReLU after every layer
/// but the last; no biases (batch norm's shift replaces them).
///
/// At 32×32 (n = 3) the channels are 256-128-64, at 64×64 (n = 4) 512-256-128-64, with
/// ngf = 64. For images smaller than the model side M the output is cropped to S×S at the centre
/// (see `ConvolutionalGeometry`).
///
/// Tensor names follow pytorch/examples: "main.0.weight" (the first transposed convolution),
/// "main.1.weight" and "main.1.running_mean" (its batch norm), ….
public final class ConvolutionalGenerator: Generator {
  public let latentDimension: Int
  public let sampleShape: [Int]
  public let geometry: ConvolutionalGeometry
  let network: Sequential

  /// - Parameters:
  ///   - latentDimension: Z (`nz`), the length of the input vector.
  ///   - width: ngf, the channels of the last hidden layer; they double towards the input.
  ///   - geometry: the image size and the number of stride-2 layers n.
  ///   - batchNormEpsilon: ε of the batch norms.
  ///   - tanhOutput: tanh at the output (images in [−1, 1]); without it the last convolution's
  ///     raw outputs, which a VAE's decoder reads as the logits or means of its likelihood.
  /// Weights come from PyTorch's default initializers; `DCGANVariant.makeTrainer` redraws them with
  /// `applyDCGANInitialization`.
  public init(
    latentDimension: Int, width: Int, geometry: ConvolutionalGeometry, batchNormEpsilon: Double = 1e-5, tanhOutput: Bool = true,
    using generator: inout SplitMix64
  ) {
    precondition(latentDimension > 0 && width > 0, "ConvolutionalGenerator: latent dimension \(latentDimension) and width \(width) must be positive")
    self.latentDimension = latentDimension
    self.geometry = geometry
    sampleShape = [geometry.channels, geometry.imageSide, geometry.imageSide]
    var layers: [any Layer] = []
    var channels = width << (geometry.resamplingCount - 1)
    layers.append(TransposedConv2D(inputChannels: latentDimension, outputChannels: channels, kernelSize: 4, stride: 1, padding: 0, bias: false, using: &generator))
    layers.append(BatchNorm(featureCount: channels, epsilon: batchNormEpsilon))
    layers.append(ReLU())
    for _ in 1..<geometry.resamplingCount {
      layers.append(TransposedConv2D(inputChannels: channels, outputChannels: channels / 2, kernelSize: 4, stride: 2, padding: 1, bias: false, using: &generator))
      layers.append(BatchNorm(featureCount: channels / 2, epsilon: batchNormEpsilon))
      layers.append(ReLU())
      channels /= 2
    }
    layers.append(TransposedConv2D(inputChannels: channels, outputChannels: geometry.channels, kernelSize: 4, stride: 2, padding: 1, bias: false, using: &generator))
    if tanhOutput { layers.append(Tanh()) }
    network = Sequential(layers)
  }

  public var sublayers: [(name: String, layer: any Layer)] { [("main", network)] }

  /// z (N, Z) → x (N, C, S, S), in [−1, 1] with the tanh output. The condition is ignored.
  public func callAsFunction(noise: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    precondition(noise.rank == 2 && noise.shape[1] == latentDimension, "dcgan generator: expects noise (N, \(latentDimension)), got \(noise.shape)")
    let image = network(noise.reshaped(to: [noise.shape[0], latentDimension, 1, 1]), context: &context)
    let margin = geometry.margin
    guard margin > 0 else { return image }
    let kept = margin ..< geometry.modelSide - margin
    return image.sliced(alongAxis: 2, kept).sliced(alongAxis: 3, kept)
  }
}
