import Foundation
import ZooCore

extension Run {
  /// Trains to `configuration.steps`, from the checkpoint if the run has one, writing the loss
  /// log, snapshots and checkpoints as it goes (each observer in `observers` sees every step
  /// too); then evaluates (`evaluate(_:)` to the extent of `.endOfTraining`, with a cached
  /// classifier only). `shouldStop`, asked
  /// after every step, stops training there with a checkpoint written: the runner's SIGINT.
  /// - Throws: `UsageError` unless the run is open for writing; `TrainingError.nonFiniteLoss`
  ///   when a loss diverges (the last good checkpoint is kept).
  @discardableResult
  public func train(observers: [any TrainingObserver] = [], shouldStop: (() -> Bool)? = nil) throws -> TrainingOutcome {
    guard isWriter || !writesFiles else { throw UsageError("\(directory.path) is open for reading; open it with access .write to train it") }
    guard state.step < configuration.steps else { return .alreadyFinished }
    var data = try source()
    data.resume(atSample: state.samplesSeen)
    // In a data-parallel run every process draws each whole batch and keeps its shard.
    if environment.processGroup != nil { data = ShardedBatchSource(data, rank: environment.rank, of: environment.worldSize) }
    // A likelihood model's held-out bound, measured before the loss log writes its columns.
    let heldOut = environment.rank == 0 ? try heldOutBoundLog() : nil
    let lossLog = LossLog(url: directory.lossLog, flushInterval: configuration.checkpointInterval, extraColumns: heldOut.map { [$0] } ?? [])
    // Every process of a data-parallel run must stop at the same step: one asked is all asked.
    let agreedStop = shouldStop.map { asked -> () -> Bool in
      guard let group = environment.processGroup else { return asked }
      return { ((try? group.sum([asked() ? 1 : 0])) ?? [1])[0] > 0 }
    }
    let stop = agreedStop.map(StopCheck.init)
    let writers: [any TrainingObserver] = environment.rank == 0 ? (heldOut.map { [$0] } ?? []) + [lossLog, try snapshotWriter()] : []
    let checkpoints: [any TrainingObserver] = environment.rank == 0 ? [CheckpointWriter(url: directory.checkpoint, interval: configuration.checkpointInterval)] : []
    let loop = TrainingLoop(observers: writers + observers + checkpoints + (stop.map { [$0] } ?? []))
    var state = self.state
    do {
      try loop.run(trainer: trainer, data: &data, state: &state, totalSteps: configuration.steps)
    } catch TrainingError.interrupted(let step) {
      self.state = stop?.lastState ?? state
      if environment.rank == 0 {
        try lossLog.flush()
        try Checkpoint.write(trainer: trainer, state: self.state, to: directory.checkpoint)
      }
      return .interrupted(step: step)
    }
    self.state = state
    return .finished(writesFiles ? try evaluate(EvaluationOptions(extent: .endOfTraining)) : nil)
  }
}
