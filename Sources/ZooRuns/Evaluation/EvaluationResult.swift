import ZooEvaluation

/// What `Run.evaluate` found: the metrics file it wrote (or would have, under label control) and
/// each metric's outcome.
public struct EvaluationResult {
  public var file: MetricsFile
  public var outcomes: [MetricOutcome]

  /// One line per figure, for the terminal.
  public var summary: String {
    let lines = outcomes.flatMap(\.summary)
    return lines.isEmpty ? "no metrics for this dataset yet" : lines.joined(separator: "\n")
  }

  /// What keeps the run from its metrics' bars, one line each; empty when it meets them.
  public var shortfalls: [String] { outcomes.flatMap(\.shortfalls) }
}
