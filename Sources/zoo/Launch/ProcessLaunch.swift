import Foundation
import TensorBackend
import ZooRuns

/// How this process was started: alone, or by an MPI launcher as one of several training one
/// run together (`mpirun -np N zoo train …`), which the launcher's environment says.
enum ProcessLaunch {
  /// The processes launched together, when there are several; set up by `prepare()`.
  nonisolated(unsafe) private(set) static var group: MPIProcessGroup?

  /// Joins the launched processes, if any: starts MPI, shares the machine's cores among the
  /// processes on it, and leaves the talking to rank 0.
  static func prepare() throws {
    guard group == nil, let launched = try MPIProcessGroup.launched() else { return }
    group = launched
    let cores = Swift.max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    if ProcessInfo.processInfo.environment["OMP_NUM_THREADS"] == nil {
      Parallel.setWorkers(Swift.max(1, cores / Swift.max(1, MPIProcessGroup.localSize)))
    }
    Console.isQuiet = launched.rank != 0
  }

  /// Runs `body`; on several processes, a failure on any of them ends all of them, the message
  /// naming the process, since the others would wait for it forever.
  static func run(_ body: () throws -> Void) throws {
    try prepare()
    guard let group else { return try body() }
    do {
      try body()
      let megabytes = Double(group.allReducedBytes) / 1e6
      Console.say("data parallel: \(group.size) processes; each all-reduced \(String(format: "%.1f", megabytes)) MB in \(group.allReduceCount) messages")
      group.finish()
    } catch {
      FileHandle.standardError.write(Data("error: rank \(group.rank) of \(group.size): \(error)\n".utf8))
      group.abort(code: 1)
    }
  }
}
