import Foundation
import ZooEvaluation

/// A run's `metrics.json`: which run and checkpoint was evaluated, and one report per metric,
/// keyed by the metric (`SampleMetric.key`: "mode-coverage", "classifier-judgement", …).
///
/// The schema is open: a metric added to the evaluation plan adds its key, and readers take the
/// reports they know. Files written before the schema was opened (with top-level `modeCoverage`
/// and `classifier` fields) read as the same reports under today's keys.
public struct MetricsFile: Codable, Equatable, Sendable {
  public var variant: String
  public var dataset: String
  /// The objective, for a variant that has one.
  public var objective: String?
  /// The training step of the checkpoint evaluated.
  public var step: Int?
  /// Each metric's report, by key.
  public var metrics: [String: JSONValue]

  public init(variant: String, dataset: String, objective: String?, step: Int?, metrics: [String: JSONValue] = [:]) {
    self.variant = variant
    self.dataset = dataset
    self.objective = objective
    self.step = step
    self.metrics = metrics
  }

  /// The report of `key`, decoded as `T`; `nil` when the run has none.
  public func report<T: Decodable>(_ key: String, as type: T.Type) throws -> T? {
    try metrics[key].map { try $0.decode(as: T.self) }
  }

  /// Reads `url`.
  public static func read(from url: URL) throws -> MetricsFile {
    try JSONFile.read(MetricsFile.self, from: url, what: "metrics file")
  }

  /// Writes `url`, atomically.
  public func write(to url: URL) throws {
    try JSONFile.write(self, to: url)
  }

  private enum CodingKeys: String, CodingKey {
    case variant, dataset, objective, step, metrics
    case legacyModeCoverage = "modeCoverage", legacyClassifier = "classifier"
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    variant = try container.decode(String.self, forKey: .variant)
    dataset = try container.decode(String.self, forKey: .dataset)
    objective = try container.decodeIfPresent(String.self, forKey: .objective)
    step = try container.decodeIfPresent(Int.self, forKey: .step)
    if let metrics = try container.decodeIfPresent([String: JSONValue].self, forKey: .metrics) {
      self.metrics = metrics
    } else {
      var legacy: [String: JSONValue] = [:]
      legacy["mode-coverage"] = try container.decodeIfPresent(JSONValue.self, forKey: .legacyModeCoverage)
      legacy["classifier-judgement"] = try container.decodeIfPresent(JSONValue.self, forKey: .legacyClassifier)
      metrics = legacy
    }
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(variant, forKey: .variant)
    try container.encode(dataset, forKey: .dataset)
    try container.encodeIfPresent(objective, forKey: .objective)
    try container.encodeIfPresent(step, forKey: .step)
    try container.encode(metrics, forKey: .metrics)
  }
}
