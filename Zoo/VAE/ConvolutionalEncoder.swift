import DCGAN
import NeuralNetworks
import TensorBackend

/// The convolutional encoder: DCGAN's discriminator (Radford et al. 2015) read as an encoder,
/// x (N, C, S, S) → stride-2 4×4 convolutions doubling the channels, batch norm after all but
/// the first, LeakyReLU 0.2 → a 4×4 convolution over the last 4×4 map to 2Z outputs (N, 2Z),
/// μ and log σ². Deliberate composition: the same strided ladder serves as a GAN's critic and as
/// a VAE's inference network, sized by the same `ConvolutionalGeometry` (28×28 digits take the
/// 32×32 ladder with a margin). Tensor names: "main.0.weight", ….
public final class ConvolutionalEncoder: GaussianEncoder {
  public let latentDimension: Int
  let network: ConvolutionalDiscriminator

  /// - Parameters:
  ///   - geometry: the image size and the number of stride-2 layers.
  ///   - width: the first layer's channels (ndf), doubling with every stride-2 layer.
  ///   - latentDimension: Z.
  public init(geometry: ConvolutionalGeometry, width: Int, latentDimension: Int, using generator: inout SplitMix64) {
    self.latentDimension = latentDimension
    network = ConvolutionalDiscriminator(
      inputChannels: geometry.channels, width: width, geometry: geometry, normalization: .batch, outputCount: 2 * latentDimension,
      using: &generator)
  }

  public var sublayers: [(name: String, layer: any Layer)] { network.sublayers }

  /// x (N, C, S, S) → (N, 2Z).
  public func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor {
    network(input, condition: nil, context: &context)
  }
}
