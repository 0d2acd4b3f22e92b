import Foundation

/// The loss log of a run, one CSV row per step:
/// `step,images_seen,seconds,<one column per loss term>,mean_d_real,mean_d_fake`.
///
/// A resumed run first drops the rows past the checkpoint's step (written after the checkpoint
/// and before the interruption), so the log reads as one uninterrupted run.
public final class LossLog: TrainingObserver {
  public let url: URL
  private var handle: FileHandle?
  private var columns: [String]?
  private var pending = ""

  /// Rows are buffered and written every `flushInterval` steps; give the checkpoint interval,
  /// and list this observer before the checkpoint writer, so that every row up to a checkpoint is
  /// on disk when the checkpoint is.
  public let flushInterval: Int

  public init(url: URL, flushInterval: Int) {
    self.url = url
    self.flushInterval = max(1, flushInterval)
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
      let header = ["step", "images_seen", "seconds"] + record.losses.map { "loss_" + $0.name } + ["mean_d_real", "mean_d_fake"]
      columns = header
      pending += header.joined(separator: ",") + "\n"
    }
    func format(_ value: Double?) -> String { value.map { "\($0)" } ?? "" }
    let row = ["\(record.step)", "\(state.samplesSeen)", String(format: "%.3f", state.elapsedSeconds)]
      + record.losses.map { format($0.value) } + [format(record.meanRealScore), format(record.meanFakeScore)]
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

  /// Reads a loss log back: the columns and each row's values (empty cells as NaN).
  public static func read(from url: URL) throws -> (columns: [String], rows: [[Double]]) {
    let text = try String(contentsOf: url, encoding: .utf8)
    let lines = text.split(separator: "\n")
    guard let header = lines.first else { return ([], []) }
    let rows = lines.dropFirst().map { line in
      line.split(separator: ",", omittingEmptySubsequences: false).map { Double($0) ?? .nan }
    }
    return (header.split(separator: ",").map(String.init), rows)
  }
}
