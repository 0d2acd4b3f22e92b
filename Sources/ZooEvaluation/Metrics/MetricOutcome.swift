/// One metric's result: its report for metrics.json, and the lines it prints.
public struct MetricOutcome: Sendable {
  /// The metric's key in metrics.json.
  public var key: String
  /// What the metric found.
  public var report: any Codable & Sendable
  /// A line or a few for the terminal.
  public var summary: [String]
  /// What keeps the samples from the metric's bar; empty when they meet it.
  public var shortfalls: [String]

  public init(key: String, report: any Codable & Sendable, summary: [String], shortfalls: [String]) {
    self.key = key
    self.report = report
    self.summary = summary
    self.shortfalls = shortfalls
  }
}
