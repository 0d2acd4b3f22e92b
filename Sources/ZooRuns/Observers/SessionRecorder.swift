import Foundation
import ZooCore

/// Keeps this training session's entry in the run's `sessions.json` (`RunSessions`): added when
/// training starts, rewritten at every checkpoint and when training ends, and once more by
/// `Run.train` after the final evaluation, so the session's seconds cover all of its work.
public final class SessionRecorder: TrainingObserver {
  public let url: URL
  public let interval: Int
  private let start = ThroughputClock.now()
  private var recorded: RunSessions?
  private var session: RunSessions.Session?

  /// Starts the clock; list it before the checkpoint writer with the checkpoint interval.
  public init(url: URL, interval: Int) {
    self.url = url
    self.interval = max(1, interval)
  }

  public func trainingWillStart(trainer: any Trainer, state: TrainingState, totalSteps: Int) throws {
    recorded = try RunSessions.read(from: url)
    session = .starting(at: state.step)
    try record(step: state.step)
  }

  public func stepDidFinish(_ record: StepRecord, trainer: any Trainer, state: TrainingState, totalSteps: Int) throws {
    if state.step % interval == 0 || state.step == totalSteps { try self.record(step: state.step) }
  }

  public func trainingDidFinish(trainer: any Trainer, state: TrainingState) throws {
    try record(step: state.step)
  }

  /// Rewrites the session's entry with the time so far; `step` is the last step it covers
  /// (`nil` keeps the last one recorded).
  public func record(step: Int? = nil) throws {
    guard var session, let recorded else { return }
    session.seconds = ThroughputClock.now() - start
    if let step { session.toStep = step }
    self.session = session
    try RunSessions(sessions: recorded.sessions + [session]).write(to: url)
  }
}
