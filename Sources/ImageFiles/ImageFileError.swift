/// A failure to read, decode, encode or write an image, naming the file (when there is one) and
/// the problem.
///
/// Decoders never trap on bad input: truncated, corrupt or hostile bytes end here.
public struct ImageFileError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file involved, `nil` when decoding or encoding bytes in memory.
  public var path: String?
  /// What went wrong, e.g. "PNG: IDAT: incorrect data check" or "PGM: maxval 0 outside 1...65535".
  public var problem: String

  public init(path: String?, problem: String) {
    self.path = path
    self.problem = problem
  }

  public var description: String {
    if let path { return "\(path): \(problem)" }
    return problem
  }

  /// The same problem, attributed to `path`.
  func attributed(to path: String) -> ImageFileError {
    ImageFileError(path: path, problem: problem)
  }
}
