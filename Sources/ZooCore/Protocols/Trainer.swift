import NeuralNetworks
import TensorBackend

/// One training iteration in, one record out. Every GAN variant trains with the one
/// `AdversarialTrainer`; a model with another loss (a VAE's ELBO) brings its own conformance.
///
/// A trainer owns its networks and optimizers. It is stepped on real batches handed to it one
/// at a time (`step(nextBatch:using:)`), so a composite trainer can hand its parts the levels of
/// one real batch, and a data-parallel run each rank its slice; `step(data:using:)` draws them
/// from a `BatchSource`. Its whole state (weights, buffers, optimizer moments) exports as named
/// tensors, so a checkpoint restores it and a resumed run continues bit for bit.
public protocol Trainer: AnyObject {
  /// N, the samples of one real batch.
  var batchSize: Int { get }
  /// The real batches one iteration consumes: k for the adversarial loop (one per discriminator
  /// step), 1 for a model with a single loss.
  var batchesPerStep: Int { get }
  /// One iteration: calls `nextBatch` `batchesPerStep` times, each just before it uses that real
  /// batch, and draws every random number from `generator` (which `nextBatch` may draw from too,
  /// as procedural data does).
  func step(nextBatch: (inout SplitMix64) throws -> Batch, using generator: inout SplitMix64) throws -> StepRecord
  /// The model that draws new samples from noise (and a condition).
  var sampler: any Generator { get }
  /// The networks trained, by the name their tensors take in a checkpoint.
  var networks: [(name: String, layer: any Layer)] { get }
  /// Every tensor of the training state, by name.
  func exportState() -> [String: Tensor]
  /// Restores `exportState()`'s tensors; nothing changes if they do not fit.
  func importState(_ state: [String: Tensor]) throws
  /// The model's likelihood of data, for a model that has one (a VAE); `nil` for a GAN.
  var likelihoodModel: (any LikelihoodModel)? { get }
}

extension Trainer {
  public var likelihoodModel: (any LikelihoodModel)? { nil }

  /// One iteration on batches of `batchSize` drawn from `data`.
  public func step(data: inout any BatchSource, using generator: inout SplitMix64) throws -> StepRecord {
    try step(nextBatch: { try data.nextBatch(size: batchSize, using: &$0) }, using: &generator)
  }

  /// One iteration on `batches`, exactly `batchesPerStep` of them, used in order.
  public func step(on batches: [Batch], using generator: inout SplitMix64) throws -> StepRecord {
    precondition(batches.count == batchesPerStep, "Trainer.step(on:): \(batches.count) batches handed to a trainer that takes \(batchesPerStep) per step")
    var remaining = batches[...]
    return try step(nextBatch: { _ in
      guard let batch = remaining.popFirst() else { preconditionFailure("Trainer.step(on:): the trainer asked for more than \(batches.count) batches") }
      return batch
    }, using: &generator)
  }
}
