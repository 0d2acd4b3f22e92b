#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ImageFiles
import SwiftProtobuf

/// Writes one TensorBoard event file: scalars and images tagged with training steps, which
/// `tensorboard --logdir` shows as curves and image sliders.
///
/// The file is `<directory>/events.out.tfevents.<seconds>.<host>`, TensorFlow's name for an event
/// file: `<seconds>` is the Unix time at creation, zero-padded to 10 digits, so that names sort in
/// the order files were opened (TensorBoard reads a folder's files in name order); a second writer
/// opened in the same second and folder appends `.1`, `.2`, … to the name, which sorts after it.
/// Its content is a sequence of TFRecord-framed `Event` messages (see `TFRecord`), the first
/// carrying the file version "brain.Event:2".
///
/// A writer never reopens an existing file: a run that is resumed opens a new writer on the same
/// folder, which starts a new file, and TensorBoard merges every event file in a folder into one
/// run. Steps the interrupted session logged after its last checkpoint are logged again by the
/// resumed one; call `addSessionStart(step:)` right after opening so that TensorBoard drops the
/// stale ones (see there).
///
/// Events are buffered in memory and written to the file when `flushInterval` has passed since
/// the last write, on `flush()` and on `close()`, so that logging every training step costs no
/// system call per step. A crash loses at most the last interval's events; call `flush()` when a
/// checkpoint is written so the file holds everything up to it. Not thread-safe: use one writer
/// from one thread.
public final class EventFileWriter {
  /// The version string of the first event, "brain.Event:2": version 2 tells TensorBoard to
  /// purge stale steps on a session start (not on every step that goes backwards).
  public static let fileVersion = "brain.Event:2"

  /// The folder holding the file, created with its parents if missing.
  public let directory: String
  /// The event file this writer appends to.
  public let path: String
  /// The longest time events wait in memory before they are written to the file.
  public let flushInterval: Duration

  /// The open file; -1 once closed.
  private var descriptor: Int32
  /// Framed records not yet written.
  private var pending: [UInt8] = []
  private var lastFlush: ContinuousClock.Instant
  /// Buffered bytes beyond which events are written at once, some 25,000 scalar events (images
  /// are written as they come).
  private static let maximumPendingByteCount = 1 << 20

  /// Creates `directory` if needed and a new event file in it whose first event records the file
  /// version, written at once so that the file is valid from the start.
  ///
  /// - Parameter flushInterval: how long events may stay in memory; `.zero` writes every event
  ///   as it is added.
  /// - Throws: `EventFileError` when the folder cannot be created or the file cannot be created
  ///   or written (a folder that is not writable, a path through a regular file, a full disk).
  public init(directory: String, flushInterval: Duration = .seconds(1)) throws(EventFileError) {
    let wallTime = Self.now()
    try Self.createDirectory(directory)
    let (descriptor, path) = try Self.createFile(
      in: directory, named: "events.out.tfevents.\(Self.zeroPadded(Int(wallTime), width: 10)).\(Self.hostname())")
    self.directory = directory
    self.path = path
    self.flushInterval = flushInterval
    self.descriptor = descriptor
    self.lastFlush = .now

    var event = Tensorboard_Event()
    event.wallTime = wallTime
    event.fileVersion = Self.fileVersion
    try append(event)
    try flush()
  }

  deinit {
    // Errors cannot leave a deinit; call close() to see them.
    try? close()
  }

  /// Logs `value` under `tag` at `step`, drawn as a point of the tag's curve.
  ///
  /// TensorBoard stores scalars as 32-bit floats (`simple_value`), so a `Double` is rounded to
  /// the nearest `Float`. Tags group by their prefix up to the first "/" in TensorBoard's
  /// layout, e.g. "loss/discriminator" and "loss/generator" share a section.
  ///
  /// - Parameter wallTime: seconds since the Unix epoch, TensorBoard's "relative" and "wall"
  ///   axes; the current time when `nil`.
  public func addScalar(
    tag: String, value: some BinaryFloatingPoint, step: Int, wallTime: Double? = nil
  ) throws(EventFileError) {
    var summaryValue = Tensorboard_Summary.Value()
    summaryValue.tag = tag
    summaryValue.simpleValue = Float(value)
    try append(summaryValue, step: step, wallTime: wallTime)
  }

  /// Logs `image` under `tag` at `step`, encoded as PNG; TensorBoard shows a tag's images with a
  /// step slider.
  ///
  /// Gray, RGB and RGBA images keep their channels (TensorBoard colourspaces 1, 3 and 4, the same
  /// numbers as `Image.channels`). TensorBoard keeps a sample of at most 10 images per tag by
  /// default; `tensorboard --samples_per_plugin images=100` keeps more.
  ///
  /// - Throws: `EventFileError` when the image cannot be encoded (an empty image) or written.
  public func addImage(tag: String, image: Image, step: Int, wallTime: Double? = nil) throws(EventFileError) {
    let png: [UInt8]
    do {
      png = try image.pngBytes()
    } catch {
      throw EventFileError(path: path, problem: "image \"\(tag)\" at step \(step): \(error)")
    }
    var picture = Tensorboard_Summary.Image()
    picture.width = Int32(image.width)
    picture.height = Int32(image.height)
    picture.colorspace = Int32(image.channels)
    picture.encodedImageString = Data(png)
    var summaryValue = Tensorboard_Summary.Value()
    summaryValue.tag = tag
    summaryValue.image = picture
    try append(summaryValue, step: step, wallTime: wallTime)
    // Images are rare and large: write them now rather than hold them for the interval.
    try flush()
  }

  /// Marks that a resumed session starts logging at `step`: TensorBoard then discards what
  /// earlier files logged at `step` and later, which an interrupted session wrote after its last
  /// checkpoint and the resumed one logs again.
  ///
  /// Call it once, right after opening the writer of a resumed run, with the first step the
  /// resumed run will log (the checkpoint's step + 1 when the checkpoint's own step was logged).
  /// This is TensorFlow's `SessionLog.START`: TensorBoard's event accumulator purges every tag's
  /// values at steps ≥ `step` when it reads one in a version-2 file. TensorBoard's faster Rust
  /// loader ignores the marker but reaches the same view by itself: a step that does not increase
  /// within a tag discards that tag's values from the step on.
  public func addSessionStart(step: Int, wallTime: Double? = nil) throws(EventFileError) {
    var sessionLog = Tensorboard_SessionLog()
    sessionLog.status = .start
    var event = Tensorboard_Event()
    event.wallTime = wallTime ?? Self.now()
    event.step = Int64(step)
    event.sessionLog = sessionLog
    try append(event)
  }

  /// Writes every buffered event to the file (to the operating system, not through to the disk).
  public func flush() throws(EventFileError) {
    guard descriptor >= 0 else { throw closedError() }
    lastFlush = .now
    var written = 0
    defer { pending.removeFirst(written) }
    while written < pending.count {
      let count = pending.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
      if count < 0 {
        if errno == EINTR { continue }
        // What was written stays written and the rest stays buffered: a later flush completes
        // the record instead of leaving a torn one in the middle of the file.
        throw systemError("cannot write")
      }
      written += count
    }
  }

  /// Flushes, syncs the file to the disk and closes it. Closing a closed writer does nothing;
  /// adding to a closed writer throws.
  public func close() throws(EventFileError) {
    guard descriptor >= 0 else { return }
    defer {
      closeFileDescriptor(descriptor)
      descriptor = -1
    }
    try flush()
    guard fsync(descriptor) == 0 else { throw systemError("cannot sync to disk") }
  }

  private func append(_ summaryValue: Tensorboard_Summary.Value, step: Int, wallTime: Double?) throws(EventFileError) {
    var summary = Tensorboard_Summary()
    summary.value = [summaryValue]
    var event = Tensorboard_Event()
    event.wallTime = wallTime ?? Self.now()
    event.step = Int64(step)
    event.summary = summary
    try append(event)
  }

  private func append(_ event: Tensorboard_Event) throws(EventFileError) {
    guard descriptor >= 0 else { throw closedError() }
    let bytes: [UInt8]
    do {
      bytes = try event.serializedBytes()
    } catch {
      throw EventFileError(path: path, problem: "cannot encode event at step \(event.step): \(error)")
    }
    TFRecord.append(bytes, to: &pending)
    if ContinuousClock.now - lastFlush >= flushInterval || pending.count >= Self.maximumPendingByteCount {
      try flush()
    }
  }

  private func closedError() -> EventFileError {
    EventFileError(path: path, problem: "the writer is closed")
  }

  private func systemError(_ action: String) -> EventFileError {
    EventFileError(path: path, problem: "\(action): \(String(cString: strerror(errno)))")
  }

  /// Seconds since the Unix epoch.
  private static func now() -> Double { Date().timeIntervalSince1970 }

  /// `directory` and its missing parents, like `mkdir -p`.
  private static func createDirectory(_ directory: String) throws(EventFileError) {
    guard !directory.isEmpty else { throw EventFileError(path: directory, problem: "empty folder name") }
    var prefix = directory.hasPrefix("/") ? "/" : ""
    for component in directory.split(separator: "/") {
      prefix += component
      if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
        throw EventFileError(path: directory, problem: "cannot create folder \(prefix): \(String(cString: strerror(errno)))")
      }
      prefix += "/"
    }
    var status = stat()
    guard stat(directory, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
      throw EventFileError(path: directory, problem: "not a folder")
    }
  }

  /// Creates a file named `name` in `directory`, or `name.1`, `name.2`, … when taken; never
  /// opens an existing file.
  private static func createFile(in directory: String, named name: String) throws(EventFileError) -> (Int32, String) {
    let base = directory.hasSuffix("/") ? directory + name : directory + "/" + name
    for attempt in 0..<1000 {
      let path = attempt == 0 ? base : "\(base).\(attempt)"
      let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o644)
      if descriptor >= 0 { return (descriptor, path) }
      if errno != EEXIST {
        throw EventFileError(path: path, problem: "cannot create event file: \(String(cString: strerror(errno)))")
      }
    }
    throw EventFileError(path: base, problem: "cannot create event file: 1,000 files of this name exist")
  }

  private static func hostname() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
    let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    // A slash would make the name a path.
    return name.isEmpty ? "localhost" : name.replacingOccurrences(of: "/", with: "_")
  }

  private static func zeroPadded(_ value: Int, width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}

/// The C library's close(2), which `EventFileWriter.close()` hides inside the class.
private func closeFileDescriptor(_ descriptor: Int32) {
  _ = close(descriptor)
}
