/// Finding a thing by the name a user typed, or saying what the valid names are and which one
/// was probably meant.
public enum NameLookup {
  public static func find<T>(_ name: String, in entries: [(String, T)], kind: String) throws -> T {
    if let match = entries.first(where: { $0.0 == name }) { return match.1 }
    throw UsageError(unknown: name, kind: kind, valid: entries.map(\.0))
  }

  /// Splits `name:key=value,key=value` into the name and its options, in the order given; text
  /// without a colon is a name alone. `kind` names what is being described, for messages.
  public static func nameAndOptions(_ text: String, kind: String) throws -> (name: String, options: [(key: String, value: String)]) {
    guard let colon = text.firstIndex(of: ":") else { return (text, []) }
    let name = String(text[..<colon])
    var options: [(key: String, value: String)] = []
    for part in text[text.index(after: colon)...].split(separator: ",", omittingEmptySubsequences: true) {
      let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard pair.count == 2, !pair[0].isEmpty, !pair[1].isEmpty else {
        throw UsageError("\(kind) option '\(part)' in '\(text)' is not key=value")
      }
      guard !options.contains(where: { $0.key == pair[0] }) else {
        throw UsageError("\(kind) option '\(pair[0])' given twice in '\(text)'")
      }
      options.append((String(pair[0]), String(pair[1])))
    }
    return (name, options)
  }

  /// The valid name closest to `name` by edit distance, if it is close enough to be a typo.
  public static func nearest(to name: String, in valid: [String]) -> String? {
    let scored = valid.map { ($0, editDistance(name.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= max(2, best.0.count / 3) || best.0.hasPrefix(name.lowercased()) ? best.0 : nil
  }

  /// Levenshtein distance.
  public static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
      var current = [i] + [Int](repeating: 0, count: b.count)
      for j in 1...max(b.count, 1) where !b.isEmpty {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return a.isEmpty ? b.count : previous[b.count]
  }
}
