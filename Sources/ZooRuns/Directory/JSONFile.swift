import Foundation

/// The JSON files of a run directory: read with an error naming the file, written pretty,
/// with sorted keys, atomically.
enum JSONFile {
  /// `T` from `url`; `what` names the file's kind in the error ("run configuration").
  static func read<T: Decodable>(_ type: T.Type, from url: URL, what: String) throws -> T {
    do {
      return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    } catch {
      throw UsageError("\(url.path) is not a readable \(what): \(error)")
    }
  }

  static func write(_ value: some Encodable, to url: URL) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(value).write(to: url, options: .atomic)
  }
}
