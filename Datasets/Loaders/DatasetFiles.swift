import Foundation

/// File-system helpers for loaders, with errors that name the path and say what went wrong.
enum DatasetFiles {
  /// The bytes of the file at `path`, read in one allocation of the file's size.
  static func readFile(_ path: String) throws(DatasetError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw systemError(path, "cannot open for reading") }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw systemError(path, "cannot inspect") }
    guard status.st_mode & S_IFMT != S_IFDIR else { throw DatasetError(path: path, problem: "is a folder, not a file") }
    var bytes = [UInt8](repeating: 0, count: max(Int(status.st_size), 0))
    var filled = 0
    while true {
      if filled == bytes.count { bytes += [UInt8](repeating: 0, count: max(bytes.count, 1 << 16)) }
      let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
      if count < 0 {
        if errno == EINTR { continue }
        throw systemError(path, "cannot read")
      }
      if count == 0 { break }
      filled += count
    }
    bytes.removeSubrange(filled...)
    return bytes
  }

  /// The decompressed bytes of a file that may be gzip-compressed (recognised by its magic
  /// number, not its name).
  static func readMaybeGzipped(_ path: String) throws(DatasetError) -> [UInt8] {
    let bytes = try readFile(path)
    guard Gzip.hasSignature(bytes) else { return bytes }
    do {
      return try Gzip.decompress(bytes)
    } catch {
      throw error.attributed(to: path)
    }
  }

  enum Kind { case missing, file, folder }

  static func kind(_ path: String) -> Kind {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return .missing }
    return isFolder.boolValue ? .folder : .file
  }

  /// The names in a folder, sorted, hidden ones (starting with ".") left out.
  static func contents(of folder: String) throws(DatasetError) -> [String] {
    do {
      return try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.sorted()
    } catch {
      throw DatasetError(path: folder, problem: "cannot list the folder: \(error.localizedDescription)")
    }
  }

  static func join(_ folder: String, _ name: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
  }

  static func systemError(_ path: String, _ action: String) -> DatasetError {
    DatasetError(path: path, problem: "\(action): \(String(cString: strerror(errno)))")
  }
}

