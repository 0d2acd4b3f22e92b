import Foundation

/// A fresh folder under the system temporary directory for one test, removed when the value is
/// released.
public final class TemporaryFolder {
  public let path: String

  public init() {
    path = NSTemporaryDirectory() + "GANZooTests-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  public var url: URL { URL(fileURLWithPath: path) }

  /// The path of `name` inside the folder.
  public func file(_ name: String) -> String { path + "/" + name }

  /// Every name under the folder, hidden ones included, recursively, sorted.
  public func contents() -> [String] {
    (FileManager.default.subpaths(atPath: path) ?? []).sorted()
  }

  /// Writes `bytes` to `name`, creating the folders on its way.
  public func write(_ bytes: [UInt8], to name: String) {
    let url = URL(fileURLWithPath: file(name))
    try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    precondition(FileManager.default.createFile(atPath: url.path, contents: Data(bytes)))
  }

  public func makeFolder(_ name: String) {
    try! FileManager.default.createDirectory(atPath: file(name), withIntermediateDirectories: true)
  }

  /// The bytes of `name`; empty when it does not exist.
  public func bytes(_ name: String) -> [UInt8] {
    [UInt8](FileManager.default.contents(atPath: file(name)) ?? Data())
  }
}
