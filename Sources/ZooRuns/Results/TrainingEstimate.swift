import Foundation
import ZooCore

/// How long a run of some kind takes: seconds per training step, plus what a run costs besides
/// its steps (loading data, snapshots, evaluation), and where the figures come from. `zoo results
/// --dry-run` lists them; the suite's progress bar weighs its runs by them.
public struct TrainingEstimate: Sendable {
  public var secondsPerStep: Double
  /// A run's seconds besides its steps, from finished runs of its kind; `nil` when none finished.
  public var overheadSeconds: Double?
  /// "3 finished runs of this kind", "measured over 12 steps".
  public var source: String

  public init(secondsPerStep: Double, overheadSeconds: Double?, source: String) {
    self.secondsPerStep = secondsPerStep
    self.overheadSeconds = overheadSeconds
    self.source = source
  }

  /// The wall time of `steps` steps and, when `overhead`, the run's fixed cost.
  public func seconds(steps: Int, overhead: Bool) -> Double {
    Double(steps) * secondsPerStep + (overhead ? overheadSeconds ?? 0 : 0)
  }

  /// The estimate from finished runs' summaries of the same kind (`ResolvedConfiguration.kind`):
  /// their training seconds per step, and their wall time beyond it; `nil` when none is there.
  public static func fromSummaries(_ summaries: [RunSummary], kind: ResolvedConfiguration) -> TrainingEstimate? {
    let same = summaries.filter { $0.status == .finished && $0.configuration.kind == kind && $0.stepsTrained > 0 }
    guard !same.isEmpty else { return nil }
    let steps = same.reduce(0) { $0 + $1.stepsTrained }
    let training = same.reduce(0) { $0 + $1.trainingSeconds }
    let overhead = same.reduce(0) { $0 + max(0, $1.wallSeconds - $1.trainingSeconds) } / Double(same.count)
    return TrainingEstimate(
      secondsPerStep: training / Double(steps), overheadSeconds: overhead,
      source: "\(same.count) finished run\(same.count == 1 ? "" : "s") of this kind")
  }

  /// Measures the run `specification` describes by training it in a temporary folder for about
  /// `seconds` (at least three steps after the first, whose one-off set-up is left out), then
  /// deleting it.
  public static func measure(
    _ specification: RunSpecification, registry: Registry, seconds: Double = 3, notes: @escaping (String) -> Void = { _ in },
    shouldStop: (() -> Bool)? = nil
  ) throws -> TrainingEstimate {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zoo-results-probe-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    var probe = specification
    probe.steps = max(specification.steps ?? 0, 1_000_000)
    probe.epochs = nil
    probe.checkpointInterval = 1_000_000
    probe.sampleInterval = 1_000_000
    let run = try Run.create(probe, registry: registry, in: folder, notes: notes)
    defer { run.release() }
    let timer = StepTimer()
    try run.train(observers: [timer]) {
      shouldStop?() == true || (timer.times.count >= 4 && timer.times.last! - timer.times[0] >= seconds) || timer.times.count >= 200
    }
    guard timer.times.count >= 2 else { throw TrainingError.interrupted(step: timer.times.count) }
    let steps = timer.times.count - 1
    return TrainingEstimate(
      secondsPerStep: (timer.times.last! - timer.times[0]) / Double(steps), overheadSeconds: nil, source: "measured over \(steps) steps")
  }
}

/// The time each step finished.
private final class StepTimer: TrainingObserver {
  var times: [Double] = []

  func stepDidFinish(_ record: StepRecord, trainer: any Trainer, state: TrainingState, totalSteps: Int) throws {
    times.append(ThroughputClock.now())
  }
}
