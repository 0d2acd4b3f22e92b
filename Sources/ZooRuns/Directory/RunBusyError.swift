/// A run directory another process is writing.
public struct RunBusyError: Error, CustomStringConvertible, Equatable {
  /// The run directory.
  public let directory: String
  /// The process holding the lock, when its id could be read.
  public let holder: Int32?

  public var description: String {
    let who = holder.map { "process \($0)" } ?? "another process"
    return "\(directory) is being written by \(who) (training, resuming or evaluating it); wait for it to finish, or train into another --out"
  }
}
