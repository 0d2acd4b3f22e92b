import Foundation

/// What `--dataset` says: a dataset name or a folder of images, optionally followed by options,
/// `name:key=value,key=value` (e.g. `mnist:pad=32`, `shapes:size=64`, `photos/:size=64,channels=3`).
/// The whole text is stored in the run's configuration, so a resumed run loads the same data.
struct DatasetSpecification: Equatable {
  /// As typed.
  let text: String
  /// The name or folder, before any options.
  let name: String
  /// The options, by key.
  let options: [String: String]

  init(_ text: String) throws {
    self.text = text
    // A folder whose own name holds a colon is taken whole.
    guard let colon = text.lastIndex(of: ":"), !Self.isFolder(text) else {
      name = text
      options = [:]
      return
    }
    name = String(text[..<colon])
    var options: [String: String] = [:]
    for part in text[text.index(after: colon)...].split(separator: ",", omittingEmptySubsequences: true) {
      let pair = part.split(separator: "=", maxSplits: 1)
      guard pair.count == 2, !pair[0].isEmpty, !pair[1].isEmpty else {
        throw UsageError("dataset option '\(part)' in '\(text)' is not key=value (e.g. \(name):size=64)")
      }
      guard options[String(pair[0])] == nil else { throw UsageError("dataset option '\(pair[0])' given twice in '\(text)'") }
      options[String(pair[0])] = String(pair[1])
    }
    self.options = options
  }

  /// Throws unless every option is one of `valid`.
  func check(allowed valid: [String], for what: String) throws {
    for key in options.keys.sorted() where !valid.contains(key) {
      if valid.isEmpty { throw UsageError("\(what) takes no options, got '\(key)'") }
      throw UsageError(unknown: key, kind: "option for \(what)", valid: valid)
    }
  }

  /// An integer option in `range`, or `defaultValue`.
  func integer(_ key: String, in range: ClosedRange<Int>, default defaultValue: Int?) throws -> Int? {
    guard let text = options[key] else { return defaultValue }
    guard let value = Int(text), range.contains(value) else {
      throw UsageError("dataset option \(key)=\(text) must be a whole number in \(range.lowerBound)...\(range.upperBound)")
    }
    return value
  }

  static func isFolder(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }
}
