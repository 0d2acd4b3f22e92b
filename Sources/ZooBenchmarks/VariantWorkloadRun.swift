import NeuralNetworks
import TensorBackend
import ZooCore

/// A benchmark of a variant's own trainer (a GAN's, or the VAE's) run by `VariantWorkloadRun`,
/// whose steps and samples are the workload's.
public protocol VariantWorkload: BenchmarkWorkload {
  var run: VariantWorkloadRun { get }
}

extension VariantWorkload {
  public func trainStep() throws { try run.trainStep() }
  public func sample(count: Int) { run.sample(count: count) }
}

/// The moving parts of a benchmark built from a variant's own `makeTrainer`: for a GAN the shared
/// adversarial trainer (for a model with its own loss, the VAE, its trainer), a pool of random
/// "real" batches, and the random stream every draw comes from. `trainStep` is one iteration of
/// the trainer; `sample` draws images in inference mode without recording gradients, with random
/// labels for a conditional model.
public final class VariantWorkloadRun {
  let trainer: any Trainer
  var data: any BatchSource
  var generator: SplitMix64
  /// K, when the generator takes class labels.
  let classCount: Int?

  convenience init<V: AdversarialVariant>(
    _ variant: V.Type, description: DataDescription, objective: any Objective, batchSize: Int, seed: UInt64,
    configure: (inout V.Configuration) -> Void = { _ in }
  ) throws {
    var configuration = V.defaultConfiguration(for: description, objective: type(of: objective))
    configure(&configuration)
    try self.init(description: description, batchSize: batchSize, seed: seed) { environment, generator in
      try V.makeTrainer(configuration: configuration, data: description, objective: objective, environment: environment, using: &generator)
    }
  }

  /// The benchmark of a variant without an objective, with its defaults for `description`.
  convenience init<V: ZooVariant>(_ variant: V.Type, description: DataDescription, batchSize: Int, seed: UInt64) throws {
    try self.init(description: description, batchSize: batchSize, seed: seed) { environment, generator in
      try V.makeTrainer(configuration: V.defaultConfiguration(for: description), data: description, environment: environment, using: &generator)
    }
  }

  private init(
    description: DataDescription, batchSize: Int, seed: UInt64,
    makeTrainer: (TrainingEnvironment, inout SplitMix64) throws -> any Trainer
  ) throws {
    generator = SplitMix64(seed: seed)
    data = RandomBatchPool(description: description, batchSize: batchSize, using: &generator)
    trainer = try makeTrainer(TrainingEnvironment(batchSize: batchSize), &generator)
    classCount = description.classCount
  }

  func trainStep() throws {
    _ = try trainer.step(data: &data, using: &generator)
  }

  func sample(count: Int) {
    withoutGradient {
      let noise = trainer.sampler.makeNoise(count: count, using: &generator)
      let labels = classCount.map { k in Tensor(shape: [count], scalars: (0..<count).map { _ in Double(generator.next() % UInt64(k)) }) }
      var context = ForwardContext.inference
      _ = trainer.sampler(noise: noise, condition: labels, context: &context)
    }
  }
}
