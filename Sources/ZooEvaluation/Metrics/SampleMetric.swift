/// A figure of merit computed from a trained generator's samples, written to a run's
/// metrics.json under its `key`. Each metric is one type; a run's evaluation plan picks the ones
/// that apply to its data, so adding a metric touches neither the loop nor the runner.
///
/// The metric holds what it needs besides the generator (the mixture's centres, a reference
/// classifier, its seeds, its bar) from when the plan makes it.
public protocol SampleMetric {
  /// What `evaluate` finds, as metrics.json stores it.
  associatedtype Report: Codable & Sendable

  /// The report's key in metrics.json, kebab-case ("mode-coverage").
  var key: String { get }
  /// Draws what it needs from `subject` and measures it.
  func evaluate(_ subject: EvaluationSubject) throws -> Report
  /// A line or a few for the terminal.
  func summary(of report: Report) -> [String]
  /// What keeps the samples from the metric's bar, one line each; empty when they meet it.
  func shortfalls(of report: Report) -> [String]
}

extension SampleMetric {
  /// `evaluate`, with the report's summary and shortfalls.
  public func measure(_ subject: EvaluationSubject) throws -> MetricOutcome {
    let report = try evaluate(subject)
    return MetricOutcome(key: key, report: report, summary: summary(of: report), shortfalls: shortfalls(of: report))
  }
}
