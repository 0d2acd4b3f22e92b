/// Processes that train one model together, each on its slice of every batch (data-parallel
/// training): who this process is among them, and the collective operations they run in step.
///
/// Every process calls each collective in the same order; a collective returns once all have
/// joined it, and throws `ProcessGroupError` when it fails. `MPIProcessGroup` runs them over MPI between processes (and machines); tests use
/// threads standing in for processes.
public protocol ProcessGroup: AnyObject, Sendable {
  /// This process's index, 0 ..< size.
  var rank: Int { get }
  /// The number of processes in the group.
  var size: Int { get }
  /// Replaces `values` on every process by their sum over all processes.
  func allReduceSum(_ values: UnsafeMutableBufferPointer<Float>) throws
  /// Replaces `values` on every process by their sum over all processes.
  func allReduceSum(_ values: UnsafeMutableBufferPointer<Double>) throws
  /// Copies `bytes` from process `root` into `bytes` on every process.
  func broadcast(_ bytes: UnsafeMutableRawBufferPointer, from root: Int) throws
  /// Ends every process of the group with exit code `code` (after a failure one process cannot
  /// recover from alone: the others would wait for it forever).
  func abort(code: Int32) -> Never
}

/// A collective that failed: the message names the operation and the transport's reason.
public struct ProcessGroupError: Error, CustomStringConvertible, Equatable {
  public let description: String
  public init(_ description: String) { self.description = description }
}

extension ProcessGroup {
  /// The sum over all processes of `values`, on every process.
  public func sum(_ values: [Double]) throws -> [Double] {
    var result = values
    try result.withUnsafeMutableBufferPointer { try allReduceSum($0) }
    return result
  }

  /// `bytes` as process `root` has them, on every process (the byte count must agree).
  public func broadcast(_ bytes: [UInt8], from root: Int) throws -> [UInt8] {
    var result = bytes
    try result.withUnsafeMutableBytes { try broadcast($0, from: root) }
    return result
  }
}
