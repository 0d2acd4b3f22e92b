import TensorBackend

/// Where a run stands: what a checkpoint stores besides the trainer's tensors.
public struct TrainingState: Codable, Sendable, Equatable {
  /// Iterations completed.
  public var step: Int
  /// Real samples consumed so far.
  public var samplesSeen: Int
  /// Training time so far, in seconds (excluding observers' own work is not attempted).
  public var elapsedSeconds: Double
  /// The generator every random draw of training comes from.
  public var generator: SplitMix64

  public init(seed: UInt64) {
    step = 0
    samplesSeen = 0
    elapsedSeconds = 0
    generator = SplitMix64(seed: seed)
  }
}

/// Watches the training loop. Logging, sample grids, checkpoints and the progress bar are
/// observers; the loop itself only steps the trainer and checks the losses are finite.
public protocol TrainingObserver: AnyObject {
  /// Before the first step of this invocation (a resumed run starts past step 0).
  func trainingWillStart(trainer: any Trainer, state: TrainingState, totalSteps: Int) throws
  /// After every step, with the loop's state as it is after that step.
  func stepDidFinish(_ record: StepRecord, trainer: any Trainer, state: TrainingState, totalSteps: Int) throws
  /// After the last step.
  func trainingDidFinish(trainer: any Trainer, state: TrainingState) throws
}

extension TrainingObserver {
  public func trainingWillStart(trainer: any Trainer, state: TrainingState, totalSteps: Int) throws {}
  public func trainingDidFinish(trainer: any Trainer, state: TrainingState) throws {}
}

/// The one training loop: step the trainer until `totalSteps`, tell the observers.
public struct TrainingLoop {
  public var observers: [any TrainingObserver]

  public init(observers: [any TrainingObserver] = []) {
    self.observers = observers
  }

  /// Trains from `state` until `state.step == totalSteps`. A NaN or infinite loss stops the loop
  /// with `TrainingError.nonFiniteLoss` before any observer sees that step, so the last
  /// checkpoint written is the last good one.
  public func run(trainer: any Trainer, data: inout any BatchSource, state: inout TrainingState, totalSteps: Int) throws {
    for observer in observers { try observer.trainingWillStart(trainer: trainer, state: state, totalSteps: totalSteps) }
    while state.step < totalSteps {
      let start = ThroughputClock.now()
      var record = try trainer.step(data: &data, using: &state.generator)
      state.elapsedSeconds += ThroughputClock.now() - start
      state.step += 1
      state.samplesSeen += record.samplesConsumed
      record.step = state.step
      if let bad = record.losses.first(where: { !$0.value.isFinite }) {
        throw TrainingError.nonFiniteLoss(step: state.step, term: bad.name, value: bad.value)
      }
      for observer in observers { try observer.stepDidFinish(record, trainer: trainer, state: state, totalSteps: totalSteps) }
    }
    for observer in observers { try observer.trainingDidFinish(trainer: trainer, state: state) }
  }
}

/// Monotonic seconds.
public enum ThroughputClock {
  public static func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
  }
}

#if canImport(Glibc)
import Glibc
#endif
