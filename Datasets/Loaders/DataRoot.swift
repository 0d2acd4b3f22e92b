import Foundation

/// The folder downloaded datasets live in, one subfolder each (`mnist/`, …), outside the
/// repository's history: `--data-root`, else the environment variable `GAN_ZOO_DATA`, else
/// `data/` in the current directory (ignored by git).
public struct DataRoot: Sendable, Equatable, CustomStringConvertible {
  /// Where the path came from, for messages.
  public enum Origin: String, Sendable {
    case option = "--data-root"
    case environment = "GAN_ZOO_DATA"
    case defaultFolder = "the default"
  }

  /// The folder.
  public let path: String
  public let origin: Origin

  /// The environment variable naming the data root.
  public static let environmentVariable = "GAN_ZOO_DATA"
  /// The data root when neither the option nor the environment names one.
  public static let defaultFolder = "data"

  public init(path: String, origin: Origin) {
    self.path = path
    self.origin = origin
  }

  /// The data root an invocation uses: `option` if given, else `GAN_ZOO_DATA` if set and
  /// non-empty, else `data/`.
  public static func resolve(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> DataRoot {
    if let option, !option.isEmpty { return DataRoot(path: option, origin: .option) }
    if let value = environment[environmentVariable], !value.isEmpty { return DataRoot(path: value, origin: .environment) }
    return DataRoot(path: defaultFolder, origin: .defaultFolder)
  }

  /// The subfolder holding dataset `name`.
  public func folder(for name: String) -> String {
    DatasetFiles.join(path, name)
  }

  /// The path made absolute against the current directory, for recording in a run.
  public var absolutePath: String {
    URL(fileURLWithPath: path).standardizedFileURL.path
  }

  /// Throws unless the data root is an existing folder.
  public func checkExists() throws(DatasetError) {
    switch DatasetFiles.kind(path) {
    case .folder: return
    case .file: throw DatasetError(path: path, problem: "the data root (\(originDescription)) is a file, not a folder")
    case .missing:
      throw DatasetError(path: path, problem: "the data root (\(originDescription)) does not exist; create it, or point --data-root or \(Self.environmentVariable) at the folder holding the datasets", isMissingData: true)
    }
  }

  var originDescription: String {
    switch origin {
    case .option: return "from --data-root"
    case .environment: return "from \(Self.environmentVariable)"
    case .defaultFolder: return "the default, ./\(Self.defaultFolder); set --data-root or \(Self.environmentVariable) to use another"
    }
  }

  public var description: String { "\(path) (\(originDescription))" }
}
