import Foundation

/// Where the shared real datasets are: `../shared/datasets` beside the package root, found from
/// this file's path (Tests/DatasetsTests/…). Tests that need them are disabled, and say so, when
/// the folder is missing.
enum SharedData {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let folder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets").path
  static let mnist = folder + "/mnist"
  static let faces = folder + "/att_faces"

  static var hasMNIST: Bool { FileManager.default.fileExists(atPath: mnist + "/train-images-idx3-ubyte.gz") }
  static var hasFaces: Bool { FileManager.default.fileExists(atPath: faces + "/s1/1.pgm") }
}

/// A fresh folder under the system temporary directory, removed when the value is released.
final class TemporaryFolder {
  let path: String

  init() {
    path = NSTemporaryDirectory() + "DatasetsTests-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  func file(_ name: String) -> String { path + "/" + name }

  /// Every name under the folder, hidden ones included, recursively, sorted.
  func contents() -> [String] {
    (FileManager.default.subpaths(atPath: path) ?? []).sorted()
  }

  func write(_ bytes: [UInt8], to name: String) {
    let url = URL(fileURLWithPath: file(name))
    try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    precondition(FileManager.default.createFile(atPath: url.path, contents: Data(bytes)))
  }

  func makeFolder(_ name: String) {
    try! FileManager.default.createDirectory(atPath: file(name), withIntermediateDirectories: true)
  }
}

/// SplitMix64, so fuzzing inputs are the same on every run.
struct SeededBytes: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func bytes(_ count: Int) -> [UInt8] {
    (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) }
  }
}
