import TensorBackend
import ZooCore

/// A canonical workload of `shared/bench/reference.py`, built from the zoo's own code: the same
/// networks, batch size and optimizers as the PyTorch reference, fed random tensors of the right
/// shape so data loading is not measured.
public protocol BenchmarkWorkload {
  /// The reference's name ("gan-mlp").
  static var name: String { get }
  /// The reference batch size.
  static var defaultBatchSize: Int { get }
  init(batchSize: Int, seed: UInt64) throws
  /// One full training iteration: forward, losses, backward and optimizer steps of every network.
  func trainStep() throws
  /// Draws `count` samples in inference mode without recording gradients.
  func sample(count: Int)
}

/// Every benchmark workload, by name.
public let allBenchmarkWorkloads: [any BenchmarkWorkload.Type] = [
  GANMultilayerWorkload.self,
  ConditionalGANMultilayerWorkload.self,
  DCGAN32GrayWorkload.self,
  DCGAN32ColorWorkload.self,
  DCGAN64Workload.self,
  VAEMultilayerWorkload.self,
  LAPGAN32Workload.self,
]

/// Four random "real" batches in [−1, 1] cycled in turn, with random labels when the description
/// has classes: the reference's `RealPool` and `real_labels`, standing in for the data loader.
struct RandomBatchPool: BatchSource {
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
