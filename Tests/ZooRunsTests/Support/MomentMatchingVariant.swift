import NeuralNetworks
import TensorBackend
import ZooCore

/// A variant that is not a GAN: an affine generator x = zWᵀ + b trained to match the data's
/// per-feature mean and variance (one loss, no discriminator, no objective), standing for the
/// likelihood models to come in the tests of the run layer.
enum MomentMatchingVariant: ZooVariant {
  static let name = "moments"
  static let summary = "test model: an affine generator matching the data's mean and variance"
  static let paper = "none (a test model)"

  struct Configuration: Codable, Sendable, Equatable {
    var latentDimension: Int
    var learningRate: Double
  }

  static func defaultConfiguration(for data: DataDescription) -> Configuration {
    Configuration(latentDimension: data.sampleSize, learningRate: 0.01)
  }

  static func defaultSchedule(for data: DataDescription) -> TrainingSchedule {
    TrainingSchedule(steps: 200, batchSize: 64)
  }

  static func makeTrainer(
    configuration: Configuration, data: DataDescription, environment: TrainingEnvironment, using generator: inout SplitMix64
  ) throws -> any Trainer {
    let g = AffineGenerator(latentDimension: configuration.latentDimension, sampleShape: data.sampleShape, using: &generator)
    return MomentMatchingTrainer(
      generator: g, optimizer: environment.makeOptimizer(.adam(learningRate: configuration.learningRate), for: g.parameters),
      batchSize: environment.batchSize)
  }
}

/// x = zWᵀ + b, reshaped to the sample shape.
final class AffineGenerator: Generator {
  let latentDimension: Int
  let sampleShape: [Int]
  let map: Dense

  init(latentDimension: Int, sampleShape: [Int], using generator: inout SplitMix64) {
    self.latentDimension = latentDimension
    self.sampleShape = sampleShape
    map = Dense(inputSize: latentDimension, outputSize: sampleShape.reduce(1, *), using: &generator)
  }

  var sublayers: [(name: String, layer: any Layer)] { [("map", map)] }

  func callAsFunction(noise: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    map(noise, context: &context).reshaped(to: [noise.shape[0]] + sampleShape)
  }
}

/// Descends ‖mean(x̂) − mean(x)‖² + ‖var(x̂) − var(x)‖² per feature, over a batch of generated
/// x̂ and real x: losses "moments"; diagnostic "mean_gap", the first term.
final class MomentMatchingTrainer: Trainer {
  let generator: AffineGenerator
  let optimizer: any Optimizer
  let batchSize: Int

  init(generator: AffineGenerator, optimizer: any Optimizer, batchSize: Int) {
    self.generator = generator
    self.optimizer = optimizer
    self.batchSize = batchSize
  }

  var batchesPerStep: Int { 1 }
  var sampler: any Generator { generator }
  var networks: [(name: String, layer: any Layer)] { [("generator", generator)] }

  func step(nextBatch: (inout SplitMix64) throws -> Batch, using rng: inout SplitMix64) throws -> StepRecord {
    let real = try nextBatch(&rng).samples.flattenedBatch()
    var context = ForwardContext(training: true, generator: rng.split())
    let fake = generator(noise: generator.makeNoise(count: real.shape[0], using: &rng), condition: nil, context: &context).flattenedBatch()
    func moments(_ x: Tensor) -> (Tensor, Tensor) {
      let mean = x.mean(alongAxes: [0])
      return (mean, (x - mean).squared().mean(alongAxes: [0]))
    }
    let (realMean, realVariance) = moments(real.detached)
    let (fakeMean, fakeVariance) = moments(fake)
    let meanGap = (fakeMean - realMean).squared().sum()
    let loss = meanGap + (fakeVariance - realVariance).squared().sum()
    optimizer.zeroGradients()
    loss.backward()
    optimizer.step()
    return StepRecord(samplesConsumed: real.shape[0], losses: [.init("moments", loss.scalar)], diagnostics: [.init("mean_gap", meanGap.scalar)])
  }

  func exportState() -> [String: Tensor] {
    CheckpointTensors.export(networks: networks, optimizers: [("generator_optimizer", optimizer)])
  }

  func importState(_ state: [String: Tensor]) throws {
    try CheckpointTensors.restore(state, networks: networks, optimizers: [("generator_optimizer", optimizer)])
  }
}
