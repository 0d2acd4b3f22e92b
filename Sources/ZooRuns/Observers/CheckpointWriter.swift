import Foundation
import ZooCore

/// Writes a checkpoint every `interval` steps and after the last one.
public final class CheckpointWriter: TrainingObserver {
  public let url: URL
  public let interval: Int

  public init(url: URL, interval: Int) {
    self.url = url
    self.interval = max(1, interval)
  }

  public func stepDidFinish(_ record: StepRecord, trainer: any Trainer, state: TrainingState, totalSteps: Int) throws {
    if state.step % interval == 0 || state.step == totalSteps {
      try Checkpoint.write(trainer: trainer, state: state, to: url)
    }
  }
}
