import Foundation

/// Where the shared real datasets are: `../shared/datasets` beside the package root, found from
/// this file's path (Sources/_TestSupport/…). Tests that need them are disabled, and say so, when
/// the folder is missing.
public enum SharedData {
  public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  public static let folder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets").standardizedFileURL.path
  public static let mnist = folder + "/mnist"
  public static let faces = folder + "/att_faces"

  public static var hasMNIST: Bool { FileManager.default.fileExists(atPath: mnist + "/train-images-idx3-ubyte.gz") }
  public static var hasFaces: Bool { FileManager.default.fileExists(atPath: faces + "/s1/1.pgm") }
}
