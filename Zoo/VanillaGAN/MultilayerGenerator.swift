import NeuralNetworks
import TensorBackend
import ZooCore

/// G: z (N, Z) → a multilayer perceptron with leaky ReLUs (batch norm on every hidden layer but
/// the first, if asked) → dense to the sample size → tanh or linear → (N, sample shape…).
///
/// With Z = 100, widths 128-256-512-1024, batch norm ε 0.8, slope 0.2 and tanh, the layers and
/// tensor names ("model.0.weight", …) are those of PyTorch-GAN's `gan.py`.
public final class MultilayerGenerator: Generator {
  public let latentDimension: Int
  public let sampleShape: [Int]
  let network: Sequential

  /// - Parameters:
  ///   - latentDimension: Z.
  ///   - hiddenWidths: the hidden layers' widths.
  ///   - sampleShape: the shape of one sample; the output layer has their product.
  ///   - negativeSlope: the leaky ReLUs' slope (0: ReLU).
  ///   - batchNormEpsilon: ε of batch norm after every hidden layer but the first; `nil` for none.
  ///   - tanhOutput: tanh at the output (images in [−1, 1]); linear otherwise (points).
  public init(
    latentDimension: Int, hiddenWidths: [Int], sampleShape: [Int], negativeSlope: Double, batchNormEpsilon: Double? = nil,
    tanhOutput: Bool, using generator: inout SplitMix64
  ) {
    self.latentDimension = latentDimension
    self.sampleShape = sampleShape
    var layers = MultilayerPerceptron.layers(
      inputSize: latentDimension, hiddenWidths: hiddenWidths, outputSize: sampleShape.reduce(1, *), negativeSlope: negativeSlope,
      batchNormEpsilon: batchNormEpsilon, using: &generator)
    if tanhOutput { layers.append(Tanh()) }
    network = Sequential(layers)
  }

  public var sublayers: [(name: String, layer: any Layer)] { [("model", network)] }

  public func callAsFunction(noise: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    precondition(noise.rank == 2 && noise.shape[1] == latentDimension, "gan generator: expects noise (N, \(latentDimension)), got \(noise.shape)")
    return network(noise, context: &context).reshaped(to: [noise.shape[0]] + sampleShape)
  }
}
