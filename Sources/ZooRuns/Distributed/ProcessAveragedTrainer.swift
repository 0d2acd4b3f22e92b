import NeuralNetworks
import TensorBackend
import ZooCore

/// A trainer of one process in a data-parallel run, as the run's observers see it: each step's
/// losses and diagnostics (means over this process's shard) are averaged over the processes, so
/// the log holds the whole batch's figures, as one process would log them, and a loss that
/// diverges on any process stops every process at the same step. Everything else is the wrapped
/// trainer's.
final class ProcessAveragedTrainer: Trainer {
  let wrapped: any Trainer
  let group: any ProcessGroup

  init(_ wrapped: any Trainer, group: any ProcessGroup) {
    self.wrapped = wrapped
    self.group = group
  }

  var batchSize: Int { wrapped.batchSize }
  var batchesPerStep: Int { wrapped.batchesPerStep }
  var sampler: any Generator { wrapped.sampler }
  var networks: [(name: String, layer: any Layer)] { wrapped.networks }
  var likelihoodModel: (any LikelihoodModel)? { wrapped.likelihoodModel }
  func exportState() -> [String: Tensor] { wrapped.exportState() }
  func importState(_ state: [String: Tensor]) throws { try wrapped.importState(state) }

  func step(nextBatch: (inout SplitMix64) throws -> Batch, using generator: inout SplitMix64) throws -> StepRecord {
    var record = try wrapped.step(nextBatch: nextBatch, using: &generator)
    // One collective for all the figures; a NaN on any process makes the sum NaN everywhere.
    let sums = try group.sum(record.losses.map(\.value) + record.diagnostics.map(\.value))
    let scale = 1 / Double(group.size)
    for index in record.losses.indices { record.losses[index].value = sums[index] * scale }
    for index in record.diagnostics.indices { record.diagnostics[index].value = sums[record.losses.count + index] * scale }
    return record
  }
}
