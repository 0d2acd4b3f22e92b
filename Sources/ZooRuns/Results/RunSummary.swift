import Foundation

/// What the repository keeps of one run of a results suite, a few kilobytes in
/// `results/summaries/<run>.json`: its resolved configuration, its metrics.json, whether it met
/// its metrics' bars, and where and how long it trained. RESULTS.md is rendered from these alone,
/// so it is rebuilt without the run directories (which are not kept) and without training.
public struct RunSummary: Codable, Equatable, Sendable {
  /// How the run ended.
  public enum Status: String, Codable, Sendable {
    /// Trained every step and evaluated.
    case finished
    /// A loss became NaN or infinite; `failure` says where.
    case diverged
  }

  /// The experiment's name (`Experiment.name`).
  public var run: String
  public var configuration: ResolvedConfiguration
  public var status: Status
  /// Why the run failed, for a run that did not finish.
  public var failure: String?
  /// The steps trained (all of them for a finished run).
  public var stepsTrained: Int
  /// Seconds spent in training steps (the checkpoint's clock, over every session).
  public var trainingSeconds: Double
  /// Each training session: its wall time, steps, commit and machine (`RunSessions`).
  public var sessions: [RunSessions.Session]
  /// The run's metrics.json; `nil` for a run that diverged before evaluation.
  public var metrics: MetricsFile?
  /// What kept the run from its metrics' own bars (all modes covered, every class drawn as asked
  /// often enough), one line each; empty when it met them.
  public var shortfalls: [String]
  /// The picture of its final samples, relative to the repository, for runs a table shows one of.
  public var figure: String?
  /// A likelihood model's held-out bound after every epoch (losses.csv's `test_` columns);
  /// `nil` for a GAN.
  public var heldOut: HeldOutCurve?

  public init(
    run: String, configuration: ResolvedConfiguration, status: Status, failure: String? = nil, stepsTrained: Int, trainingSeconds: Double,
    sessions: [RunSessions.Session], metrics: MetricsFile?, shortfalls: [String], figure: String? = nil,
    heldOut: HeldOutCurve? = nil
  ) {
    self.run = run
    self.configuration = configuration
    self.status = status
    self.failure = failure
    self.stepsTrained = stepsTrained
    self.trainingSeconds = trainingSeconds
    self.sessions = sessions
    self.metrics = metrics
    self.shortfalls = shortfalls
    self.figure = figure
    self.heldOut = heldOut
  }

  /// Wall-clock seconds over every session.
  public var wallSeconds: Double { sessions.reduce(0) { $0 + $1.seconds } }

  /// Reads `url`.
  public static func read(from url: URL) throws -> RunSummary {
    try JSONFile.read(RunSummary.self, from: url, what: "run summary")
  }

  /// Writes `url` atomically, pretty-printed with sorted keys, so the same summary is the same bytes.
  public func write(to url: URL) throws {
    try JSONFile.write(self, to: url)
  }
}
