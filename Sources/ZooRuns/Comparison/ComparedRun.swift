import Foundation

/// One run as `RunComparison` reads it: its configuration, its checked loss log and its metrics,
/// through a `RunView` (no data, no networks).
public struct ComparedRun {
  public let view: RunView
  /// How the run is called in legends and tables: its folder's name, or the last two parts of
  /// its path when two runs share a folder name.
  public internal(set) var name: String
  public let losses: LossLog.Contents
  /// The run's metrics.json; `nil` before its first evaluation.
  public let metrics: MetricsFile?

  /// Reads the run in `view`.
  /// - Throws: `UsageError` when the run has no loss log yet, or its loss log or metrics file is
  ///   damaged (naming the file and the line).
  public init(_ view: RunView) throws {
    self.view = view
    name = view.directory.url.lastPathComponent
    guard FileManager.default.fileExists(atPath: view.directory.lossLog.path) else {
      throw UsageError("\(view.directory.path) has no \(RunDirectory.lossLogFile): the run has not trained a step yet")
    }
    losses = try LossLog.readChecked(from: view.directory.lossLog)
    metrics = try view.metrics()
  }

  /// The terms the run logs: every loss log column after step, samples seen and seconds.
  public var terms: [String] { Array(losses.columns.dropFirst(3)) }

  /// The value of the key the runs are grouped by.
  public func group(by key: ComparisonKey) -> String { key.value(of: view) }
}
