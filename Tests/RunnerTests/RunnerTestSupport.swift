import Foundation

/// Real data beside the package root (`../shared/datasets`), found from this file's path.
enum RunnerSharedData {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let folder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets").standardizedFileURL.path
  static var hasMNIST: Bool { FileManager.default.fileExists(atPath: folder + "/mnist/train-images-idx3-ubyte.gz") }
  static var hasFaces: Bool { FileManager.default.fileExists(atPath: folder + "/att_faces/s1/1.pgm") }
}

/// A fresh folder under the system temporary directory, removed when released.
final class RunnerTemporaryFolder {
  let path: String

  init() {
    path = NSTemporaryDirectory() + "RunnerTests-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  func file(_ name: String) -> String { path + "/" + name }

  func write(_ bytes: [UInt8], to name: String) {
    let url = URL(fileURLWithPath: file(name))
    try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    precondition(FileManager.default.createFile(atPath: url.path, contents: Data(bytes)))
  }

  func bytes(_ name: String) -> [UInt8] {
    [UInt8](FileManager.default.contents(atPath: file(name)) ?? Data())
  }
}
