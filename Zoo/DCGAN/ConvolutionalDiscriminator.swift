import NeuralNetworks
import TensorBackend
import ZooCore

/// DCGAN's discriminator (Radford et al. 2015; pytorch/examples `dcgan`): x (N, C, S, S) →
/// stride-2 4×4 convolution (padding 1) to ndf channels, LeakyReLU 0.2 → n − 1 more stride-2 4×4
/// convolutions, each halving the side and doubling the channels, normalized, LeakyReLU 0.2 →
/// a 4×4 convolution (stride 1, no padding) over the last 4×4 map to one logit (N, 1). No
/// pooling, no dense hidden layers, no biases; the paper's sigmoid belongs to the objective.
///
/// The first layer is never normalized (Radford et al. 2015, section 3: batch norm on the
/// discriminator's input layer made training unstable). The other layers take batch norm by
/// default, layer norm or nothing for a WGAN-GP critic (`CriticNormalization`). Images with a
/// margin (see `ConvolutionalGeometry`) get it as extra zero padding in the first convolution.
///
/// Tensor names follow pytorch/examples: "main.0.weight", "main.3.running_mean", ….
public final class ConvolutionalDiscriminator: Discriminator {
  public let geometry: ConvolutionalGeometry
  public let normalization: CriticNormalization
  /// The channels read.
  public let inputChannels: Int
  /// O, the outputs per image (1: a logit).
  public let outputCount: Int
  let network: Sequential

  /// - Parameters:
  ///   - inputChannels: the channels read; C, or more when a conditional model appends label
  ///     maps.
  ///   - width: ndf, the channels of the first layer; they double with every stride-2 layer.
  ///   - geometry: the image size and the number of stride-2 layers n.
  ///   - normalization: what follows every convolution but the first and the last.
  ///   - negativeSlope: the slope of the LeakyReLUs.
  ///   - batchNormEpsilon: ε of the batch norms (and layer norms).
  ///   - outputCount: O, the outputs of the last convolution: one logit, or what another model
  ///     reads off the same network (a VAE's encoder, the posterior's 2Z means and log-variances).
  public init(
    inputChannels: Int, width: Int, geometry: ConvolutionalGeometry, normalization: CriticNormalization,
    negativeSlope: Double = 0.2, batchNormEpsilon: Double = 1e-5, outputCount: Int = 1, using generator: inout SplitMix64
  ) {
    precondition(inputChannels > 0 && width > 0, "ConvolutionalDiscriminator: input channels \(inputChannels) and width \(width) must be positive")
    self.geometry = geometry
    self.normalization = normalization
    self.inputChannels = inputChannels
    self.outputCount = outputCount
    var layers: [any Layer] = []
    var channels = width, side = geometry.modelSide / 2
    layers.append(Conv2D(inputChannels: inputChannels, outputChannels: channels, kernelSize: 4, stride: 2, padding: 1 + geometry.margin, bias: false, using: &generator))
    layers.append(LeakyReLU(negativeSlope: negativeSlope))
    for _ in 1..<geometry.resamplingCount {
      layers.append(Conv2D(inputChannels: channels, outputChannels: channels * 2, kernelSize: 4, stride: 2, padding: 1, bias: false, using: &generator))
      channels *= 2
      side /= 2
      switch normalization {
      case .batch: layers.append(BatchNorm(featureCount: channels, epsilon: batchNormEpsilon))
      case .layer: layers.append(LayerNorm(normalizedShape: [channels, side, side], epsilon: batchNormEpsilon))
      case .none: break
      }
      layers.append(LeakyReLU(negativeSlope: negativeSlope))
    }
    layers.append(Conv2D(inputChannels: channels, outputChannels: outputCount, kernelSize: 4, stride: 1, padding: 0, bias: false, using: &generator))
    network = Sequential(layers)
  }

  public var sublayers: [(name: String, layer: any Layer)] { [("main", network)] }

  /// x (N, C, S, S) → logits (N, O), O = 1 unless asked otherwise. The condition is ignored.
  public func callAsFunction(_ x: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    let side = geometry.imageSide
    precondition(x.rank == 4 && x.shape[1] == inputChannels && x.shape[2] == side && x.shape[3] == side,
                 "dcgan discriminator: expects images (N, \(inputChannels), \(side), \(side)), got \(x.shape)")
    return network(x, context: &context).reshaped(to: [x.shape[0], outputCount])
  }
}

/// What normalizes the discriminator's hidden layers.
///
/// Batch norm couples the samples of a batch, which breaks the per-sample gradient penalty of
/// WGAN-GP; Gulrajani et al. 2017 (section 4) drop it from the critic and recommend layer norm.
public enum CriticNormalization: String, Codable, Sendable, CaseIterable {
  /// Batch norm (Ioffe & Szegedy 2015), as in DCGAN.
  case batch
  /// Layer norm (Ba et al. 2016) over (C, H, W) of each sample, with an elementwise affine.
  case layer
  /// No normalization.
  case none
}
