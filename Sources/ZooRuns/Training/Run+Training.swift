import Foundation
import ZooCore

extension Run {
  /// Trains to `configuration.steps`, from the checkpoint if the run has one, writing the loss
  /// log, snapshots, TensorBoard events, the session's record and checkpoints as it goes (each
  /// observer in `observers` sees every step too); then evaluates (`evaluate(_:)` to the extent
  /// of `.endOfTraining`, with a cached classifier only). `shouldStop`, asked after every step,
  /// stops training there with a checkpoint written: the runner's SIGINT.
  /// - Throws: `UsageError` unless the run is open for writing; `TrainingError.nonFiniteLoss`
  ///   when a loss diverges (the last good checkpoint is kept).
  @discardableResult
  public func train(observers: [any TrainingObserver] = [], shouldStop: (() -> Bool)? = nil) throws -> TrainingOutcome {
    guard isWriter || !writesFiles else { throw UsageError("\(directory.path) is open for reading; open it with access .write to train it") }
    guard state.step < configuration.steps else { return .alreadyFinished }
    let session = SessionRecorder(url: directory.sessions, interval: configuration.checkpointInterval)
    var data = try source()
    data.resume(atSample: state.samplesSeen)
    // In a data-parallel run every process draws each whole batch and keeps its shard.
    if environment.processGroup != nil { data = ShardedBatchSource(data, rank: environment.rank, of: environment.worldSize) }
    // A likelihood model's held-out bound, measured before the loss log writes its columns.
    let heldOut = environment.rank == 0 ? try heldOutBoundLog() : nil
    let lossLog = LossLog(url: directory.lossLog, flushInterval: configuration.checkpointInterval, extraColumns: heldOut.map { [$0] } ?? [])
    let tensorBoard = TensorBoardLogger(folder: directory.url, flushInterval: configuration.checkpointInterval)
    // Every process of a data-parallel run must stop at the same step: one asked is all asked.
    let agreedStop = shouldStop.map { asked -> () -> Bool in
      guard let group = environment.processGroup else { return asked }
      return { ((try? group.sum([asked() ? 1 : 0])) ?? [1])[0] > 0 }
    }
    let stop = agreedStop.map(StopCheck.init)
    var writers: [any TrainingObserver] = []
    if environment.rank == 0 {
      let snapshots = try snapshotWriter()
      snapshots.onSnapshot = { picture, step in try tensorBoard.addImage(tag: "samples", image: picture, step: step) }
      writers = (heldOut.map { [$0] } ?? []) + [lossLog, tensorBoard, session, snapshots]
    }
    let checkpoints: [any TrainingObserver] = environment.rank == 0 ? [CheckpointWriter(url: directory.checkpoint, interval: configuration.checkpointInterval)] : []
    let loop = TrainingLoop(observers: writers + observers + checkpoints + (stop.map { [$0] } ?? []))
    if environment.rank == 0 { self.tensorBoard = tensorBoard }
    defer {
      self.tensorBoard = nil
      try? tensorBoard.close()
    }
    var state = self.state
    do {
      try loop.run(trainer: trainer, data: &data, state: &state, totalSteps: configuration.steps)
    } catch TrainingError.interrupted(let step) {
      self.state = stop?.lastState ?? state
      if environment.rank == 0 {
        try lossLog.flush()
        try tensorBoard.flush()
        try Checkpoint.write(trainer: trainer, state: self.state, to: directory.checkpoint)
        try session.record(step: self.state.step)
      }
      return .interrupted(step: step)
    } catch {
      if environment.rank == 0 { try? session.record() }
      throw error
    }
    self.state = state
    guard writesFiles else { return .finished(nil) }
    let result = try evaluate(EvaluationOptions(extent: .endOfTraining))
    try session.record()
    return .finished(result)
  }
}
