/// What one call of `ResultsSuite.run` did, by run name.
public struct SuiteOutcome: Sendable {
  /// Runs whose summaries were kept as they were.
  public var reused: [String] = []
  /// Runs trained from their first step.
  public var trained: [String] = []
  /// Interrupted runs trained on from their checkpoint.
  public var resumed: [String] = []
  /// Finished runs evaluated (again).
  public var evaluated: [String] = []
  /// Runs that diverged (a NaN or infinite loss); their summaries say where.
  public var diverged: [String] = []
  /// The run under way when the suite was asked to stop, and its last step; `nil` when the suite
  /// finished.
  public var interrupted: (run: String, step: Int)?

  public init() {}

  /// Whether every selected run has its summary.
  public var isComplete: Bool { interrupted == nil }

  mutating func record(_ planned: PlannedRun, summary: RunSummary) {
    if summary.status == .diverged { diverged.append(summary.run) }
    switch planned.action {
    case .reuse: reused.append(summary.run)
    case .train: trained.append(summary.run)
    case .resume: resumed.append(summary.run)
    case .evaluate: evaluated.append(summary.run)
    }
  }
}
