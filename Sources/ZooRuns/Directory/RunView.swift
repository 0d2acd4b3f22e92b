import Foundation
import ZooCore

/// A run directory read as it stands: its configuration, losses, metrics and progress, without
/// loading its data or building its networks, and without the writer's lock. Cheap enough to
/// list, compare or tabulate dozens of runs, and it works when the run's data root has moved.
public struct RunView {
  public let directory: RunDirectory
  /// The resolved run, from config.json.
  public let configuration: RunConfiguration

  /// Reads the configuration of the run in `url`.
  public init(_ url: URL) throws {
    directory = RunDirectory(url)
    configuration = try RunConfiguration.read(from: directory)
  }

  /// The loss log's columns and rows (empty cells as NaN); `nil` before the first step.
  public func losses() throws -> LossLog.Contents? {
    guard FileManager.default.fileExists(atPath: directory.lossLog.path) else { return nil }
    return try LossLog.read(from: directory.lossLog)
  }

  /// The metrics of the last evaluation; `nil` before the first.
  public func metrics() throws -> MetricsFile? {
    guard FileManager.default.fileExists(atPath: directory.metrics.path) else { return nil }
    return try MetricsFile.read(from: directory.metrics)
  }

  /// Where the last checkpoint stands (step, samples seen, time), from its header alone; `nil`
  /// before the first checkpoint.
  public func progress() throws -> TrainingState? {
    guard FileManager.default.fileExists(atPath: directory.checkpoint.path) else { return nil }
    return try Checkpoint.readState(from: directory.checkpoint)
  }

  /// Every run directory under `folder` (the folder itself if it is one), sorted by path.
  public static func all(under folder: URL) throws -> [RunView] {
    if RunDirectory(folder).holdsRun { return [try RunView(folder)] }
    guard let paths = FileManager.default.subpaths(atPath: folder.path) else {
      throw UsageError("\(folder.path) is not a folder")
    }
    return try paths.filter { $0.hasSuffix("/" + RunDirectory.configurationFile) || $0 == RunDirectory.configurationFile }.sorted()
      .map { try RunView(folder.appendingPathComponent($0).deletingLastPathComponent()) }
  }
}
