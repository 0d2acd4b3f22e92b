import Foundation
import ZooCore

/// The loss log of a run, one CSV row per step:
/// `step,images_seen,seconds,loss_<term>…,<diagnostic>…`, the terms and diagnostics named by the
/// trainer (a GAN's: `loss_discriminator,loss_generator[,loss_penalty],mean_d_real,mean_d_fake`).
///
/// Observers measuring now and then add columns of their own (`LossLogColumns`), empty on the
/// steps they measured nothing: a likelihood model's `test_negative_elbo` after every epoch.
///
/// A resumed run first drops the rows past the checkpoint's step (written after the checkpoint
/// and before the interruption), so the log reads as one uninterrupted run.
public final class LossLog: TrainingObserver {
  public let url: URL
  /// The observers whose columns follow the trainer's terms.
  public let extraColumns: [any LossLogColumns]
  private var handle: FileHandle?
  private var columns: [String]?
  private var pending = ""

  /// Rows are buffered and written every `flushInterval` steps; give the checkpoint interval,
  /// and list this observer before the checkpoint writer, so that every row up to a checkpoint is
  /// on disk when the checkpoint is.
  public let flushInterval: Int

  public init(url: URL, flushInterval: Int, extraColumns: [any LossLogColumns] = []) {
    self.url = url
    self.flushInterval = max(1, flushInterval)
    self.extraColumns = extraColumns
  }

  public func trainingWillStart(trainer: any Trainer, state: TrainingState, totalSteps: Int) throws {
    var kept = ""
    if let existing = try? String(contentsOf: url, encoding: .utf8) {
      let lines = existing.split(separator: "\n", omittingEmptySubsequences: true)
      if let header = lines.first {
        columns = header.split(separator: ",").map(String.init)
        kept = header + "\n"
        for line in lines.dropFirst() {
          guard let step = Int(line.prefix { $0 != "," }), step <= state.step else { break }
          kept += line + "\n"
        }
      }
    }
    try Data(kept.utf8).write(to: url, options: .atomic)
    handle = try FileHandle(forWritingTo: url)
    try handle?.seekToEnd()
  }

  public func stepDidFinish(_ record: StepRecord, trainer: any Trainer, state: TrainingState, totalSteps: Int) throws {
    if columns == nil {
      let header = ["step", "images_seen", "seconds"] + record.losses.map { "loss_" + $0.name } + record.diagnostics.map(\.name)
        + extraColumns.flatMap(\.columns)
      columns = header
      pending += header.joined(separator: ",") + "\n"
    }
    let row = ["\(record.step)", "\(state.samplesSeen)", String(format: "%.3f", state.elapsedSeconds)]
      + (record.losses + record.diagnostics).map { "\($0.value)" }
      + extraColumns.flatMap { extra in
        extra.values(atStep: record.step).map { $0.map { "\($0)" } } ?? Array(repeating: "", count: extra.columns.count)
      }
    pending += row.joined(separator: ",") + "\n"
    if state.step % flushInterval == 0 || state.step == totalSteps { try flush() }
  }

  public func trainingDidFinish(trainer: any Trainer, state: TrainingState) throws {
    try flush()
    try handle?.close()
    handle = nil
  }

  /// Writes buffered rows.
  public func flush() throws {
    guard !pending.isEmpty else { return }
    try handle?.write(contentsOf: Data(pending.utf8))
    pending = ""
  }

  /// A loss log read back.
  public struct Contents: Sendable, Equatable {
    /// The header: "step", "images_seen", "seconds", then one column per term.
    public var columns: [String]
    /// Each step's values, in column order (empty cells as NaN).
    public var rows: [[Double]]

    /// The values of `column` in step order; `nil` when the log has no such column.
    public func values(of column: String) -> [Double]? {
      columns.firstIndex(of: column).map { index in rows.map { index < $0.count ? $0[index] : .nan } }
    }
  }

  /// Reads a loss log back.
  public static func read(from url: URL) throws -> Contents {
    let text = try String(contentsOf: url, encoding: .utf8)
    let lines = text.split(separator: "\n")
    guard let header = lines.first else { return Contents(columns: [], rows: []) }
    let rows = lines.dropFirst().map { line in
      line.split(separator: ",", omittingEmptySubsequences: false).map { Double($0) ?? .nan }
    }
    return Contents(columns: header.split(separator: ",").map(String.init), rows: rows)
  }
}
