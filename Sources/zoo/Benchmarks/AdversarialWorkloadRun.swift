import NeuralNetworks
import TensorBackend
import ZooCore

/// The moving parts of a GAN benchmark built from a variant's own `makeTrainer`: the shared
/// adversarial trainer, a pool of random "real" batches, and the random stream every draw comes
/// from. `trainStep` is one iteration of the trainer; `sample` draws images in inference mode
/// without recording gradients, with random labels for a conditional model.
final class AdversarialWorkloadRun {
  let trainer: any Trainer
  var data: any BatchSource
  var generator: SplitMix64
  /// K, when the generator takes class labels.
  let classCount: Int?

  init<V: ZooVariant>(
    _ variant: V.Type, description: DataDescription, objective: any Objective, batchSize: Int, seed: UInt64,
    configure: (inout V.Configuration) -> Void = { _ in }
  ) throws {
    generator = SplitMix64(seed: seed)
    data = RandomLabelledBatchPool(description: description, batchSize: batchSize, using: &generator)
    var configuration = V.defaultConfiguration(for: description, objective: type(of: objective))
    configure(&configuration)
    trainer = try V.makeTrainer(configuration: configuration, data: description, objective: objective, batchSize: batchSize, using: &generator)
    classCount = description.classCount
  }

  func trainStep() throws {
    _ = try trainer.step(data: &data, using: &generator)
  }

  func sample(count: Int) {
    withoutGradient {
      let noise = Tensor.randomNormal([count, trainer.sampler.latentDimension], using: &generator)
      let labels = classCount.map { k in Tensor(shape: [count], scalars: (0..<count).map { _ in Double(generator.next() % UInt64(k)) }) }
      var context = ForwardContext.inference
      _ = trainer.sampler(noise: noise, condition: labels, context: &context)
    }
  }
}

/// Four random batches in [−1, 1] cycled in turn, with random labels when the description has
/// classes (the reference's `RealPool` and `real_labels`).
struct RandomLabelledBatchPool: BatchSource {
  let batches: [Batch]
  var next = 0
  let description: DataDescription

  init(description: DataDescription, batchSize: Int, count: Int = 4, using generator: inout SplitMix64) {
    self.description = description
    batches = (0..<count).map { _ in
      Batch(
        samples: Tensor.randomUniform([batchSize] + description.sampleShape, low: -1, high: 1, using: &generator),
        labels: description.classCount.map { k in
          Tensor(shape: [batchSize], scalars: (0..<batchSize).map { _ in Double(generator.next() % UInt64(k)) })
        })
    }
  }

  mutating func nextBatch(size: Int, using generator: inout SplitMix64) throws -> Batch {
    next = (next + 1) % batches.count
    return batches[next]
  }
}
