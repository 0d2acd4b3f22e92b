import ZooCore

/// Stops training cleanly between steps when asked: after each step it asks `shouldStop` and, if
/// so, ends the loop with `TrainingError.interrupted`, keeping the state after that step so the
/// run can write its checkpoint. The runner asks from its SIGINT handler's flag.
public final class StopCheck: TrainingObserver {
  let shouldStop: () -> Bool
  /// The loop's state after the last step finished.
  public private(set) var lastState: TrainingState?

  public init(_ shouldStop: @escaping () -> Bool) {
    self.shouldStop = shouldStop
  }

  public func stepDidFinish(_ record: StepRecord, trainer: any Trainer, state: TrainingState, totalSteps: Int) throws {
    lastState = state
    if shouldStop() { throw TrainingError.interrupted(step: state.step) }
  }
}
