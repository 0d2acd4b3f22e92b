import Foundation

/// One column a results table can show: a number read from a run's metrics.json (a field of one
/// metric's report), how it is written, and optionally a bar each seed must meet.
///
/// The standard columns (`ResultMetric.standard`) cover the reports the evaluation plan writes
/// today; a results specification may define more in its `metrics` list, so a metric added to
/// the evaluation plan (say the Fréchet distance under the key "frechet-distance") reaches the
/// tables by an edit of the specification alone:
///
/// ```json
/// {"name": "fd", "heading": "FD", "report": "frechet-distance", "field": "distance", "digits": 2, "better": "lower"}
/// ```
public struct ResultMetric: Codable, Equatable, Sendable {
  /// What a specification's table lists in `metrics` ("modes-covered").
  public var name: String
  /// The column heading ("modes covered").
  public var heading: String
  /// The report's key in metrics.json (`SampleMetric.key`: "mode-coverage").
  public var report: String
  /// The number's dotted path inside the report ("modesCovered", "labelHistogram.minimumShare").
  public var field: String
  /// A dotted path to the total the number is out of, written after it ("of 8").
  public var outOf: String?
  /// A factor applied before writing (100 for a share written as a percentage).
  public var scale: Double?
  /// Written after the number ("%").
  public var unit: String?
  /// Decimals of the mean and standard deviation.
  public var digits: Int
  /// "higher" or "lower": which way is better, shown as ↑ or ↓ in the heading.
  public var better: String?
  /// Bars: a seed whose value lies below `atLeast` or above `atMost` marks its row failed.
  public var atLeast: Double?
  public var atMost: Double?

  public init(
    name: String, heading: String, report: String, field: String, outOf: String? = nil, scale: Double? = nil, unit: String? = nil,
    digits: Int, better: String? = nil, atLeast: Double? = nil, atMost: Double? = nil
  ) {
    self.name = name
    self.heading = heading
    self.report = report
    self.field = field
    self.outOf = outOf
    self.scale = scale
    self.unit = unit
    self.digits = digits
    self.better = better
    self.atLeast = atLeast
    self.atMost = atMost
  }

  /// The columns every specification may name.
  public static let standard: [ResultMetric] = [
    ResultMetric(name: "modes-covered", heading: "modes covered", report: "mode-coverage", field: "modesCovered", outOf: "modeCount",
                 digits: 1, better: "higher"),
    ResultMetric(name: "high-quality", heading: "high-quality samples", report: "mode-coverage", field: "highQualityFraction",
                 scale: 100, unit: "%", digits: 1, better: "higher"),
    ResultMetric(name: "reverse-kl", heading: "reverse KL", report: "mode-coverage", field: "reverseKLDivergence", digits: 3, better: "lower"),
    ResultMetric(name: "label-share-min", heading: "rarest class", report: "classifier-judgement", field: "labelHistogram.minimumShare",
                 scale: 100, unit: "%", digits: 1, better: "higher"),
    ResultMetric(name: "label-share-max", heading: "commonest class", report: "classifier-judgement", field: "labelHistogram.maximumShare",
                 scale: 100, unit: "%", digits: 1, better: "lower"),
    ResultMetric(name: "drawn-as-asked", heading: "drawn as asked", report: "classifier-judgement",
                 field: "conditionalAccuracy.overallAccuracy", scale: 100, unit: "%", digits: 1, better: "higher"),
    ResultMetric(name: "drawn-as-asked-min", heading: "worst class drawn as asked", report: "classifier-judgement",
                 field: "conditionalAccuracy.minimumAccuracy", scale: 100, unit: "%", digits: 1, better: "higher"),
    ResultMetric(name: "test-bound", heading: "test −ELBO (nats)", report: "held-out-likelihood",
                 field: "bound.negative_elbo.estimate.mean", digits: 2, better: "lower"),
    ResultMetric(name: "test-nll", heading: "test −log p(x), importance-weighted (nats)", report: "held-out-likelihood",
                 field: "negativeLogLikelihood.mean", digits: 2, better: "lower"),
  ]

  /// The heading with the better direction: "modes covered ↑".
  public var fullHeading: String {
    switch better {
    case "higher": return heading + " ↑"
    case "lower": return heading + " ↓"
    default: return heading
    }
  }

  /// The column's value in `metrics` (scaled); `nil` when the run has no such report or field,
  /// or the field is null (a reverse KL without high-quality samples).
  public func value(in metrics: MetricsFile?) -> Double? {
    guard let report = metrics?.metrics[report], case .number(let number)? = Self.lookup(field, in: report) else { return nil }
    return number * (scale ?? 1)
  }

  /// The total the value is out of, unscaled (8 modes); `nil` without `outOf`.
  public func total(in metrics: MetricsFile?) -> Double? {
    guard let outOf, let report = metrics?.metrics[report], case .number(let number)? = Self.lookup(outOf, in: report) else { return nil }
    return number
  }

  /// What keeps `value` from the bars; `nil` when it meets them (or there are none).
  public func shortfall(of value: Double) -> String? {
    if let atLeast, value < atLeast { return "\(heading) \(format(value)) below \(format(atLeast))" }
    if let atMost, value > atMost { return "\(heading) \(format(value)) above \(format(atMost))" }
    return nil
  }

  /// `value` with the column's decimals and unit.
  public func format(_ value: Double) -> String {
    String(format: "%.\(digits)f", value) + (unit ?? "")
  }

  /// Checks the definition: a kebab-case name, a report and field, sensible decimals and direction.
  func validate() throws {
    guard ResultsSpecification.isKebabCase(name) else {
      throw UsageError("metric name '\(name)' must be kebab-case (lower-case letters, digits and -)")
    }
    guard !report.isEmpty, !field.isEmpty else { throw UsageError("metric \(name) needs a report key and a field") }
    guard (0...6).contains(digits) else { throw UsageError("metric \(name): digits must lie in 0…6, got \(digits)") }
    if let better, better != "higher" && better != "lower" {
      throw UsageError("metric \(name): better must be higher or lower, got '\(better)'")
    }
  }

  /// The value at a dotted path: an object's key, or in an array the element of that index or
  /// the object whose "name" is the key ("bound.negative_elbo.estimate.mean").
  private static func lookup(_ path: String, in value: JSONValue) -> JSONValue? {
    var current = value
    for key in path.split(separator: ".").map(String.init) {
      switch current {
      case .object(let object):
        guard let next = object[key] else { return nil }
        current = next
      case .array(let elements):
        if let index = Int(key) {
          guard elements.indices.contains(index) else { return nil }
          current = elements[index]
        } else {
          guard let next = elements.first(where: { element in
            if case .object(let object) = element, case .string(key)? = object["name"] { return true }
            return false
          }) else { return nil }
          current = next
        }
      default:
        return nil
      }
    }
    return current
  }
}
