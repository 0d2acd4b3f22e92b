import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one writer of a run directory: an exclusive advisory lock (`flock`) on its `writer.lock`,
/// held while a process trains, resumes or evaluates into it, with the holder's process id in
/// the file.
///
/// The kernel drops the lock when the process exits, however it exits (kill -9 included), so no
/// stale lock survives a crash; the file itself stays, naming the last writer. A second writer is
/// refused with a `RunBusyError` naming the holder; readers never take the lock. `flock` locks
/// belong to an open file, so two writers in one process exclude each other too.
public final class RunLock {
  /// The lock file.
  public let url: URL
  private let descriptor: Int32

  /// Takes the lock of `directory`, which must exist.
  /// - Throws: `RunBusyError` when another writer holds it; `UsageError` when the lock file
  ///   cannot be opened.
  public init(_ directory: RunDirectory) throws {
    url = directory.lock
    let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw UsageError("cannot open \(url.path) to lock the run: \(String(cString: strerror(errno)))")
    }
    guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
      let problem = errno
      defer { close(descriptor) }
      guard problem == EWOULDBLOCK else {
        throw UsageError("cannot lock \(url.path): \(String(cString: strerror(problem)))")
      }
      throw RunBusyError(directory: directory.path, holder: Self.holder(of: url))
    }
    self.descriptor = descriptor
    let text = "\(getpid())\n"
    _ = ftruncate(descriptor, 0)
    _ = text.withCString { pwrite(descriptor, $0, strlen($0), 0) }
  }

  deinit { close(descriptor) }

  /// The process id the lock file names; retried briefly, since a new holder writes it just after
  /// taking the lock.
  private static func holder(of url: URL) -> Int32? {
    for _ in 0..<20 {
      if let text = try? String(contentsOf: url, encoding: .utf8), let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
        return pid
      }
      usleep(10_000)
    }
    return nil
  }
}
