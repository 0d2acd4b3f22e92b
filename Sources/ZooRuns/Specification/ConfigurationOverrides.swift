import Foundation

/// `--set key=value` on a `Codable` configuration: the configuration is encoded to JSON, each
/// dotted key path replaced by the value (read as JSON when it parses — numbers, booleans,
/// arrays — else as a string), and the result decoded back, so every field is settable and a
/// wrong key or value is caught with the valid keys listed.
public enum ConfigurationOverrides {
  public static func apply<C: Codable>(_ assignments: [String], to configuration: C) throws -> C {
    guard !assignments.isEmpty else { return configuration }
    let encoded = try JSONEncoder().encode(configuration)
    guard var object = try JSONSerialization.jsonObject(with: encoded) as? [String: Any] else { return configuration }
    for assignment in assignments {
      guard let equals = assignment.firstIndex(of: "=") else {
        throw UsageError("--set expects key=value, got '\(assignment)'")
      }
      let path = assignment[..<equals].split(separator: ".").map(String.init)
      let text = String(assignment[assignment.index(after: equals)...])
      let value: Any = (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) ?? text
      object = try set(path, to: value, in: object, fullKey: path.joined(separator: "."), known: keyPaths(object))
    }
    let data = try JSONSerialization.data(withJSONObject: object)
    do {
      return try JSONDecoder().decode(C.self, from: data)
    } catch {
      throw UsageError("--set gives a value of the wrong type: \(describe(error))")
    }
  }

  private static func set(_ path: [String], to value: Any, in object: [String: Any], fullKey: String, known: [String]) throws -> [String: Any] {
    guard let key = path.first, object[key] != nil else {
      throw UsageError(unknown: fullKey, kind: "configuration key", valid: known)
    }
    var result = object
    if path.count == 1 {
      result[key] = value
    } else {
      guard let child = object[key] as? [String: Any] else {
        throw UsageError(unknown: fullKey, kind: "configuration key", valid: known)
      }
      result[key] = try set(Array(path.dropFirst()), to: value, in: child, fullKey: fullKey, known: known)
    }
    return result
  }

  /// Every settable dotted key of a JSON object, sorted.
  public static func keyPaths(_ object: [String: Any], prefix: String = "") -> [String] {
    object.keys.sorted().flatMap { key -> [String] in
      let path = prefix + key
      if let child = object[key] as? [String: Any] { return keyPaths(child, prefix: path + ".") }
      return [path]
    }
  }

  private static func describe(_ error: Error) -> String {
    switch error {
    case DecodingError.typeMismatch(let type, let context), DecodingError.valueNotFound(let type, let context):
      return "\(context.codingPath.map(\.stringValue).joined(separator: ".")) must be \(type)"
    case DecodingError.dataCorrupted(let context):
      return "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
    default:
      return "\(error)"
    }
  }
}
