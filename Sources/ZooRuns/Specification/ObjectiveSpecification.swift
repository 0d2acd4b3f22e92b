import ZooCore

/// What `--objective` says: an objective's name, optionally followed by options,
/// `name:key=value,…` (`wgan-gp:lambda=0.1`), checked against the objective's own `options`.
///
/// Options not given take the objective's defaults for the run's data (`resolved(for:)`), and the
/// run records the resolved text with every option spelled out, so `zoo resume` and
/// `zoo evaluate` rebuild the same objective whatever the defaults later become.
public struct ObjectiveSpecification {
  /// The objective named.
  public let type: any Objective.Type
  /// The options given, by key; each a key of `type.options` with a value in its range.
  public let values: [String: Double]

  public init(_ text: String, registry: Registry) throws {
    let (name, options) = try NameLookup.nameAndOptions(text, kind: "objective")
    type = try registry.objective(named: name)
    let valid = type.options
    var values: [String: Double] = [:]
    for (key, text) in options {
      guard !valid.isEmpty else {
        throw UsageError("objective \(name) takes no options, got '\(key)=\(text)'")
      }
      guard let option = valid.first(where: { $0.key == key }) else {
        var message = "unknown option '\(key)' for objective \(name); valid options: \(valid.map(\.key).joined(separator: ", "))"
        if let nearest = NameLookup.nearest(to: key, in: valid.map(\.key)) { message += ". Did you mean '\(nearest)'?" }
        throw UsageError(message)
      }
      guard let value = Double(text), value.isFinite, option.validRange.contains(value) else {
        throw UsageError("objective option \(key)=\(text) for \(name) must be a number in \(Self.format(option.validRange.lowerBound))...\(Self.format(option.validRange.upperBound)) (\(option.summary))")
      }
      values[key] = value
    }
    self.values = values
  }

  /// The objective for `data`: the options given, the rest at the objective's defaults for it;
  /// and the text naming it with every option, which `init` reads back to the same objective.
  public func resolved(for data: DataDescription) -> (objective: any Objective, text: String) {
    let all = type.defaultOptionValues(for: data).merging(values) { _, given in given }
    let text = all.isEmpty ? type.name : type.name + ":" + all.keys.sorted().map { "\($0)=\(Self.format(all[$0]!))" }.joined(separator: ",")
    return (type.init(optionValues: all), text)
  }

  /// The objective's part of a default run folder's name: `wgan-gp:lambda=0.1` → `wgan-gp-lambda0.1`.
  public static func runName(for text: String) -> String {
    let parts = text.split(separator: ":", maxSplits: 1)
    let options = parts.count == 2 ? parts[1].split(separator: ",").map { $0.replacingOccurrences(of: "=", with: "") } : []
    let joined = ([String(parts.first ?? "")] + options).joined(separator: "-")
    return String(joined.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "-" })
  }

  /// Whole numbers without a fractional part (`10`), others in Swift's shortest exact form (`0.1`).
  public static func format(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
  }
}
