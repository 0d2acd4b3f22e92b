import NeuralNetworks
import TensorBackend
import ZooCore

/// G: z (N, Z) → dense layers with LeakyReLU (batch norm on all but the first) → dense to the
/// sample size → tanh or linear → (N, sample shape…).
public final class MultilayerGenerator: Generator {
  public let latentDimension: Int
  public let sampleShape: [Int]
  let network: Sequential

  public init(configuration: VanillaGAN.Configuration, sampleShape: [Int], using generator: inout SplitMix64) {
    latentDimension = configuration.latentDimension
    self.sampleShape = sampleShape
    var layers: [any Layer] = []
    var width = configuration.latentDimension
    for (index, next) in configuration.generatorWidths.enumerated() {
      layers.append(Dense(inputSize: width, outputSize: next, using: &generator))
      if configuration.generatorBatchNorm && index > 0 {
        layers.append(BatchNorm(featureCount: next, epsilon: configuration.batchNormEpsilon))
      }
      layers.append(LeakyReLU(negativeSlope: configuration.negativeSlope))
      width = next
    }
    layers.append(Dense(inputSize: width, outputSize: sampleShape.reduce(1, *), using: &generator))
    if configuration.tanhOutput { layers.append(Tanh()) }
    network = Sequential(layers)
  }

  public var sublayers: [(name: String, layer: any Layer)] { [("model", network)] }

  public func callAsFunction(noise: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    precondition(noise.rank == 2 && noise.shape[1] == latentDimension, "gan generator: expects noise (N, \(latentDimension)), got \(noise.shape)")
    return network(noise, context: &context).reshaped(to: [noise.shape[0]] + sampleShape)
  }
}
