/// A failure to create, write or close a TensorBoard event file, naming the file or folder and
/// the problem, e.g. "runs/gan/tensorboard: cannot create folder: Permission denied".
public struct EventFileError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The event file, or the folder it was to be created in.
  public var path: String
  /// What went wrong.
  public var problem: String

  public init(path: String, problem: String) {
    self.path = path
    self.problem = problem
  }

  public var description: String { "\(path): \(problem)" }
}
