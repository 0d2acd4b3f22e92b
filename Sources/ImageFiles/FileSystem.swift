#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and atomic whole-file writes over POSIX calls, with errors that name the file.
enum FileSystem {
  /// The bytes of the file at `path`.
  static func readAll(_ path: String) throws(ImageFileError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw error(path, "cannot open for reading") }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw error(path, "cannot read")
      }
      if count == 0 { return bytes }
      bytes.append(contentsOf: chunk[0..<count])
    }
  }

  /// Replaces the file at `path` with `bytes` so that readers see either the old file or the whole
  /// new one, never a prefix: the bytes go to a temporary file in the same folder (a rename is only
  /// atomic within one file system), are flushed, and the temporary file is renamed over `path`.
  static func writeAtomically(_ bytes: [UInt8], to path: String) throws(ImageFileError) {
    let temporaryPath = temporarySibling(of: path)
    // O_EXCL: never write through a stale temporary file or a symlink planted under its name.
    let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw error(path, "cannot create temporary file \(temporaryPath)") }
    var succeeded = false
    defer {
      if !succeeded { unlink(temporaryPath) }
    }
    do {
      defer { close(descriptor) }
      var offset = 0
      while offset < bytes.count {
        let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
        if count < 0 {
          if errno == EINTR { continue }
          throw error(path, "cannot write temporary file \(temporaryPath)")
        }
        offset += count
      }
      // Without the flush a crash after the rename can leave an empty file under the final name.
      guard fsync(descriptor) == 0 else { throw error(path, "cannot flush temporary file \(temporaryPath)") }
    }
    guard rename(temporaryPath, path) == 0 else { throw error(path, "cannot rename \(temporaryPath) into place") }
    succeeded = true
  }

  /// A fresh name next to `path`: hidden, and unique per process and call.
  private static func temporarySibling(of path: String) -> String {
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    return "\(folder).\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
  }

  /// An error for `path` carrying `action` and the current `errno` text.
  private static func error(_ path: String, _ action: String) -> ImageFileError {
    let reason = String(cString: strerror(errno))
    return ImageFileError(path: path, problem: "\(action): \(reason)")
  }
}
