import Datasets
import Foundation

/// The two array formats other tools write samples and labels in, told apart by their first
/// bytes: a NumPy `.npy` array, or an IDX file (MNIST's format), raw or gzipped.
enum ArrayFile {
  /// The bytes of a `.npy` file.
  case numPy([UInt8])
  /// The bytes of an IDX file, decompressed.
  case idx([UInt8])

  /// Reads `path`.
  /// - Throws: `ScoreError.unreadable` naming the file when it is missing, cannot be read, or
  ///   is neither format (`otherwise` says what was expected); `DatasetError` for a gzip stream
  ///   that does not decompress.
  static func read(_ path: String, otherwise: String) throws -> ArrayFile {
    let bytes: [UInt8]
    do {
      bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
      throw ScoreError.unreadable(path: path, problem: FileManager.default.fileExists(atPath: path) ? "cannot read: \(error.localizedDescription)" : "no such file")
    }
    if bytes.starts(with: [0x93] + Array("NUMPY".utf8)) { return .numPy(bytes) }
    if Gzip.hasSignature(bytes) { return .idx(try Gzip.decompress(bytes)) }
    if bytes.count >= 4 && bytes[0] == 0 && bytes[1] == 0 { return .idx(bytes) }
    throw ScoreError.unreadable(path: path, problem: otherwise)
  }
}
