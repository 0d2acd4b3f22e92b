import ZooEvaluation

/// What `Run.evaluate` found: the metrics file it wrote (or would have, under label control),
/// each metric's outcome, and how long each took.
public struct EvaluationResult {
  public var file: MetricsFile
  public var outcomes: [MetricOutcome]
  /// Wall seconds per metric key. Work the metrics share (drawing the samples, features, the
  /// nearest training images) is counted in the first metric that asks for it.
  public var seconds: [String: Double]

  public init(file: MetricsFile, outcomes: [MetricOutcome], seconds: [String: Double] = [:]) {
    self.file = file
    self.outcomes = outcomes
    self.seconds = seconds
  }

  /// One line per figure, for the terminal.
  public var summary: String {
    let lines = outcomes.flatMap(\.summary)
    return lines.isEmpty ? "no metrics for this dataset yet" : lines.joined(separator: "\n")
  }

  /// What keeps the run from its metrics' bars, one line each; empty when it meets them.
  public var shortfalls: [String] { outcomes.flatMap(\.shortfalls) }
}
