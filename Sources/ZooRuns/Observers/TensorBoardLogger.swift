import Foundation
import ImageFiles
import TensorBoardEvents
import ZooCore

/// Writes a run's TensorBoard event files into its directory, so `tensorboard --logdir runs`
/// shows every run by its folder's name: each step's loss terms (`loss/<term>`) and diagnostics
/// (`diagnostic/<name>`), the sample snapshots (`samples`), and after evaluation every number of
/// metrics.json (`metrics/<key>/<field>`) and the final samples (`evaluation/samples`).
///
/// Each session opens a new event file (`EventFileWriter` never reopens one); a resumed session
/// first marks its start, so TensorBoard drops what the interrupted session logged after its last
/// checkpoint. Events are flushed at every checkpoint (list this observer before the checkpoint
/// writer with the checkpoint interval), so the file holds every step up to a checkpoint when
/// the checkpoint exists.
public final class TensorBoardLogger: TrainingObserver {
  public let folder: URL
  public let flushInterval: Int
  private var writer: EventFileWriter?

  public init(folder: URL, flushInterval: Int) {
    self.folder = folder
    self.flushInterval = max(1, flushInterval)
  }

  public func trainingWillStart(trainer: any Trainer, state: TrainingState, totalSteps: Int) throws {
    let writer = try openWriter()
    // The loop logs from the step after the checkpoint's.
    if state.step > 0 { try writer.addSessionStart(step: state.step + 1) }
  }

  public func stepDidFinish(_ record: StepRecord, trainer: any Trainer, state: TrainingState, totalSteps: Int) throws {
    let writer = try openWriter()
    for term in record.losses { try writer.addScalar(tag: "loss/" + term.name, value: term.value, step: state.step) }
    for term in record.diagnostics { try writer.addScalar(tag: "diagnostic/" + term.name, value: term.value, step: state.step) }
    if state.step % flushInterval == 0 || state.step == totalSteps { try writer.flush() }
  }

  public func trainingDidFinish(trainer: any Trainer, state: TrainingState) throws {
    try flush()
  }

  /// Logs `image` under `tag` at `step` (written at once).
  public func addImage(tag: String, image: Image, step: Int) throws {
    try openWriter().addImage(tag: tag, image: image, step: step)
  }

  /// Logs every number of `metrics` (each report's numeric fields, nested ones by their dotted
  /// path; lists are left out) at `step`, as `metrics/<key>/<field>`.
  public func addMetrics(_ metrics: MetricsFile, step: Int) throws {
    let writer = try openWriter()
    for key in metrics.metrics.keys.sorted() {
      for (path, value) in Self.numbers(in: metrics.metrics[key]!) {
        try writer.addScalar(tag: "metrics/\(key)/\(path)", value: value, step: step)
      }
    }
    try writer.flush()
  }

  /// Writes buffered events to the file.
  public func flush() throws {
    try writer?.flush()
  }

  /// Flushes and closes the file; a later event opens a new one.
  public func close() throws {
    defer { writer = nil }
    try writer?.close()
  }

  private func openWriter() throws -> EventFileWriter {
    if let writer { return writer }
    let opened = try EventFileWriter(directory: folder.path)
    writer = opened
    return opened
  }

  /// The numeric leaves of `value` with their dotted paths, in key order.
  static func numbers(in value: JSONValue, path: String = "") -> [(String, Double)] {
    switch value {
    case .number(let number): return path.isEmpty ? [] : [(path, number)]
    case .object(let object):
      return object.keys.sorted().flatMap { numbers(in: object[$0]!, path: path.isEmpty ? $0 : path + "." + $0) }
    case .null, .bool, .string, .array: return []
    }
  }
}
