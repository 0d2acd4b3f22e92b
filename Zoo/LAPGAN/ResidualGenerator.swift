import NeuralNetworks
import TensorBackend
import ZooCore

/// Gₖ, the generator of a finer level k (Denton et al. 2015, section 3; `LapConvG` of the
/// `lapgan32` reference workload): the band-pass residual ĥₖ of an image from its upsampled
/// coarser image lₖ and a noise plane nₖ,
///
///     [lₖ, nₖ] (N, C + 1, S, S) → conv 5×5 to W, batch norm, ReLU → conv 5×5 W → W, batch norm,
///     ReLU → conv 5×5 to C → ĥₖ (N, C, S, S)
///
/// (padding 2, stride 1, biases; W = 64), with no output non-linearity: a residual takes either
/// sign. The level's image is lₖ + ĥₖ. Noise: one plane per sample, uniform on [−1, 1].
///
/// For CC-LAPGAN the class y enters as in the paper: a linear map of its one-hot vector (a
/// learned vector of S² values per class) reshaped into one more S × S input plane, [lₖ, nₖ,
/// e(y)] (N, C + 2, S, S). The condition then carries the class as a plane (`CoarseCondition`).
public final class ResidualGenerator: Generator {
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
  ///   - side: S.
  ///   - width: W, the hidden channels (64).
  ///   - batchNormEpsilon: ε of the batch norms (PyTorch's 1e-5).
  ///   - classCount: K, for a class-conditional level.
  public init(channels: Int, side: Int, width: Int, batchNormEpsilon: Double, classCount: Int?, using generator: inout SplitMix64) {
    self.channels = channels
    self.side = side
    self.classCount = classCount
    labelEmbedding = classCount.map { Embedding(classCount: $0, dimension: side * side, using: &generator) }
    let inputs = channels + 1 + (classCount == nil ? 0 : 1)
    network = Sequential {
      Conv2D(inputChannels: inputs, outputChannels: width, kernelSize: 5, padding: 2, using: &generator)
      BatchNorm(featureCount: width, epsilon: batchNormEpsilon)
      ReLU()
      Conv2D(inputChannels: width, outputChannels: width, kernelSize: 5, padding: 2, using: &generator)
      BatchNorm(featureCount: width, epsilon: batchNormEpsilon)
      ReLU()
      Conv2D(inputChannels: width, outputChannels: channels, kernelSize: 5, padding: 2, using: &generator)
    }
  }

  /// S², the values of one noise plane.
  public var latentDimension: Int { side * side }

  /// The residual's shape, (C, S, S).
  public var sampleShape: [Int] { [channels, side, side] }

  public var sublayers: [(name: String, layer: any Layer)] {
    (labelEmbedding.map { [("label_embedding", $0 as any Layer)] } ?? []) + [("net", network)]
  }

  /// nₖ (N, 1, S, S), uniform on [−1, 1] as in the reference (`torch.rand(b, 1, S, S) * 2 − 1`).
  public func makeNoise(count: Int, using generator: inout SplitMix64) -> Tensor {
    Tensor.randomUniform([count, 1, side, side], low: -1, high: 1, using: &generator)
  }

  /// nₖ (N, 1, S, S) or (N, S²), lₖ [+ class plane] as condition → ĥₖ (N, C, S, S).
  public func callAsFunction(noise: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    let (coarse, labels) = CoarseCondition.split(condition, channels: channels, classCount: classCount, side: side, network: "lapgan \(side)×\(side) generator")
    let n = coarse.shape[0]
    precondition(noise.shape.first == n && noise.scalarCount == n * side * side, "lapgan \(side)×\(side) generator: expects noise (N, 1, \(side), \(side)) for \(n) samples, got \(noise.shape)")
    var planes = [coarse, noise.reshaped(to: [n, 1, side, side])]
    if let labelEmbedding, let labels { planes.append(labelEmbedding(labels: labels).reshaped(to: [n, 1, side, side])) }
    return network(Tensor.concatenate(planes, alongAxis: 1), context: &context)
  }
}
