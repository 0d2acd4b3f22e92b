import Foundation
import ZooCore

extension RunSession {
  /// Loads the run's checkpoint into its trainer; the loop's state at that checkpoint.
  func loadCheckpoint() throws -> TrainingState {
    try Checkpoint.read(from: checkpointURL, into: trainer)
  }

  /// Trains to `configuration.steps`, from the checkpoint if `resuming`, writing the loss log,
  /// snapshots and checkpoints as it goes; then evaluates. SIGINT stops after the current step
  /// with a checkpoint written.
  func train(resuming: Bool, extraObservers: [any TrainingObserver] = []) throws {
    var state = initialState
    if resuming {
      state = try loadCheckpoint()
      if state.step >= configuration.steps {
        print("run \(directory.path) already finished its \(configuration.steps) steps")
        return
      }
      print("resuming \(configuration.variant) on \(configuration.dataset) at step \(state.step) of \(configuration.steps)")
    } else {
      print("training \(configuration.variant) on \(configuration.dataset) with the \(configuration.objective) objective for \(configuration.steps) steps; run directory \(directory.path)")
    }
    let lossLog = LossLog(url: lossLogURL, flushInterval: configuration.checkpointInterval)
    let interruption = InterruptionGuard()
    let loop = TrainingLoop(observers: [lossLog, try snapshotWriter()] + extraObservers + [
      CheckpointWriter(url: checkpointURL, interval: configuration.checkpointInterval),
      ProgressReporter(),
      interruption,
    ])
    var data = self.data
    data.resume(atSample: state.samplesSeen)
    do {
      try loop.run(trainer: trainer, data: &data, state: &state, totalSteps: configuration.steps)
    } catch TrainingError.interrupted(let step) {
      try lossLog.flush()
      try Checkpoint.write(trainer: trainer, state: interruption.lastState ?? state, to: checkpointURL)
      throw UsageError("interrupted after step \(step); checkpoint saved. Continue with: zoo resume \(directory.path)")
    }
    let metrics = try evaluate()
    print(metrics.summary)
    print("run directory \(directory.path): config.json, losses.csv, losses.png, checkpoint.safetensors, samples/, metrics.json")
  }
}

/// Turns SIGINT into a clean stop between steps: the loop finishes the step it is in, and the
/// session writes a checkpoint before exiting.
final class InterruptionGuard: TrainingObserver {
  private(set) var lastState: TrainingState?

  init() {
    signal(SIGINT) { _ in interruptRequested = 1 }
  }

  func stepDidFinish(_ record: StepRecord, trainer: any Trainer, state: TrainingState, totalSteps: Int) throws {
    lastState = state
    if interruptRequested != 0 {
      throw TrainingError.interrupted(step: state.step)
    }
  }
}

/// Set by the SIGINT handler; a signal handler may only touch such a plain flag.
nonisolated(unsafe) private var interruptRequested: sig_atomic_t = 0
