import NeuralNetworks
import TensorBackend

/// The multilayer encoder: x (N, sample shape…) flattened to (N, D) → hidden layers with
/// (leaky) ReLUs → a dense layer to (N, 2Z), μ and log σ².
///
/// With D = 784, one hidden layer of 400, ReLU and Z = 20 it is pytorch/examples' `vae` encoder
/// (`fc1`, then `fc21` and `fc22` stacked into one 400 → 40 layer: the same initial
/// distribution, U(±1/√400), and the same function). Tensor names: "model.0.weight", ….
public final class MultilayerEncoder: GaussianEncoder {
  public let latentDimension: Int
  let network: Sequential

  /// - Parameters:
  ///   - sampleShape: the shape of one sample; the input layer reads their product D.
  ///   - hiddenWidths: the hidden layers' widths.
  ///   - latentDimension: Z.
  ///   - negativeSlope: the leaky ReLUs' slope (0: ReLU).
  public init(sampleShape: [Int], hiddenWidths: [Int], latentDimension: Int, negativeSlope: Double, using generator: inout SplitMix64) {
    self.latentDimension = latentDimension
    network = Sequential(MultilayerPerceptron.layers(
      inputSize: sampleShape.reduce(1, *), hiddenWidths: hiddenWidths, outputSize: 2 * latentDimension, negativeSlope: negativeSlope,
      using: &generator))
  }

  public var sublayers: [(name: String, layer: any Layer)] { [("model", network)] }

  /// x (N, …) → (N, 2Z).
  public func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor {
    network(input.flattenedBatch(), context: &context)
  }
}
