import NeuralNetworks
import TensorBackend
import ZooCore

/// Dₖ, the discriminator of a finer level k (`LapConvD` of the `lapgan32` reference workload): it
/// judges the level's image lₖ + h, h a real residual hₖ or a generated ĥₖ, the coarse image added
/// before the first layer as in the paper's code (facebook/eyescream),
///
///     lₖ + h (N, C, S, S) → conv 5×5 to W, LeakyReLU 0.2 → conv 5×5 stride 2 to 2W, LeakyReLU 0.2
///     → conv (S/2)×(S/2) to 1, a dense layer over the map → logits (N, 1)
///
/// (padding 2 in the first two, biases; W = 64). For CC-LAPGAN the class enters as one more
/// input plane, a linear map of its one-hot vector as in the generator: [lₖ + h, e(y)].
public final class ResidualDiscriminator: Discriminator {
  /// C.
  public let channels: Int
  /// S.
  public let side: Int
  /// K for a class-conditional level, else nil.
  public let classCount: Int?
  let labelEmbedding: Embedding?
  let network: Sequential

  /// - Parameters:
  ///   - channels: C.
  ///   - side: S, even.
  ///   - width: W, the channels of the first convolution (64); the second has 2W.
  ///   - negativeSlope: the LeakyReLUs' slope (0.2).
  ///   - classCount: K, for a class-conditional level.
  public init(channels: Int, side: Int, width: Int, negativeSlope: Double, classCount: Int?, using generator: inout SplitMix64) {
    precondition(side >= 2 && side % 2 == 0, "ResidualDiscriminator: side \(side) must be even")
    self.channels = channels
    self.side = side
    self.classCount = classCount
    labelEmbedding = classCount.map { Embedding(classCount: $0, dimension: side * side, using: &generator) }
    network = Sequential {
      Conv2D(inputChannels: channels + (classCount == nil ? 0 : 1), outputChannels: width, kernelSize: 5, padding: 2, using: &generator)
      LeakyReLU(negativeSlope: negativeSlope)
      Conv2D(inputChannels: width, outputChannels: 2 * width, kernelSize: 5, stride: 2, padding: 2, using: &generator)
      LeakyReLU(negativeSlope: negativeSlope)
      Conv2D(inputChannels: 2 * width, outputChannels: 1, kernelSize: side / 2, using: &generator)
    }
  }

  public var sublayers: [(name: String, layer: any Layer)] {
    (labelEmbedding.map { [("label_embedding", $0 as any Layer)] } ?? []) + [("net", network)]
  }

  /// h (N, C, S, S), lₖ [+ class plane] as condition → logits (N, 1).
  public func callAsFunction(_ x: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    let (coarse, labels) = CoarseCondition.split(condition, channels: channels, classCount: classCount, side: side, network: "lapgan \(side)×\(side) discriminator")
    precondition(x.shape == coarse.shape, "lapgan \(side)×\(side) discriminator: expects residuals \(coarse.shape), got \(x.shape)")
    let n = x.shape[0]
    var input = coarse + x
    if let labelEmbedding, let labels {
      input = Tensor.concatenate([input, labelEmbedding(labels: labels).reshaped(to: [n, 1, side, side])], alongAxis: 1)
    }
    return network(input, context: &context).reshaped(to: [n, 1])
  }
}
