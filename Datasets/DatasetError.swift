/// A failure to find, read, decode or download a dataset, naming the file or folder (when there
/// is one) and the problem.
///
/// Loaders never trap on bad input: missing folders, truncated or corrupt files, and disagreeing
/// counts all end here, with a message a person can act on.
public struct DatasetError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file or folder involved, `nil` when decoding bytes in memory.
  public var path: String?
  /// What went wrong, e.g. "gzip: truncated: the stream ends after 4096 compressed bytes".
  public var problem: String
  /// Whether the data are absent (rather than broken), so a caller can say how to get them.
  public var isMissingData: Bool

  public init(path: String?, problem: String, isMissingData: Bool = false) {
    self.path = path
    self.problem = problem
    self.isMissingData = isMissingData
  }

  public var description: String {
    if let path { return "\(path): \(problem)" }
    return problem
  }

  /// The same problem, attributed to `path` (unless it already names a file).
  func attributed(to path: String) -> DatasetError {
    DatasetError(path: self.path ?? path, problem: problem, isMissingData: isMissingData)
  }
}
