/// A file a dataset is published as: its name at the mirror, its size and its SHA-256 digest.
public struct DownloadableFile: Sendable, Equatable {
  public let name: String
  /// Bytes, as published (for progress and a sanity check).
  public let size: Int
  /// 64 lowercase hexadecimal digits.
  public let sha256: String

  public init(name: String, size: Int, sha256: String) {
    self.name = name
    self.size = size
    self.sha256 = sha256
  }
}
