import Foundation
import TensorBackend

/// How this process was started: alone, or by an MPI launcher as one of several that train one
/// run together (`mpirun -np N zoo train …`), which the launcher's environment says. A command
/// that trains calls `run(_:)` and hands `group` to `Run.create` or `Run.open`.
public enum LaunchedProcesses {
  /// The processes launched together, when there are several; set up by `join()`.
  nonisolated(unsafe) public private(set) static var group: MPIProcessGroup?

  /// Joins the launched processes, if any: starts MPI and shares the machine's cores among the
  /// processes on it (unless `OMP_NUM_THREADS` says how many threads to use). Returns the group.
  @discardableResult
  public static func join() throws -> MPIProcessGroup? {
    guard group == nil, let launched = try MPIProcessGroup.launched() else { return group }
    group = launched
    let cores = Swift.max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    if ProcessInfo.processInfo.environment["OMP_NUM_THREADS"] == nil {
      Parallel.setWorkers(Swift.max(1, cores / Swift.max(1, MPIProcessGroup.localSize)))
    }
    return launched
  }

  /// Runs `body` after `join()`. On several processes, a failure on any of them ends all of
  /// them (`report` gets the message naming the process first), since the others would wait
  /// for it forever; on success, `finished` hears what this process all-reduced.
  public static func run(
    _ body: () throws -> Void, report: (String) -> Void, finished: (_ group: MPIProcessGroup) -> Void = { _ in }
  ) throws {
    try join()
    guard let group else { return try body() }
    do {
      try body()
      finished(group)
      group.finish()
    } catch {
      report("rank \(group.rank) of \(group.size): \(error)")
      group.abort(code: 1)
    }
  }
}
