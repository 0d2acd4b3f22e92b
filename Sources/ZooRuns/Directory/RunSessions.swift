import Foundation
import TensorBackend

/// A run's `sessions.json`: one entry per time it was trained (`zoo train`, each `zoo resume`,
/// each part of `zoo results`), with how long it took, which steps it covered, and the code and
/// machine it ran on, so a results table can say for every row what it cost and where it ran.
///
/// A session's entry is rewritten at every checkpoint, so a process killed with `kill -9` leaves
/// its time up to the last checkpoint, which is all that survives of its work anyway.
public struct RunSessions: Codable, Equatable, Sendable {
  /// One training session.
  public struct Session: Codable, Equatable, Sendable {
    /// When it started (ISO 8601).
    public var started: String
    /// Wall-clock seconds from its start to its last record: data loading, training, snapshots,
    /// checkpoints and, for the session that finishes the run, the evaluation.
    public var seconds: Double
    /// The step it started from (the checkpoint's) and the last one it recorded.
    public var fromStep: Int
    public var toStep: Int
    /// The git commit of the code it ran, when known.
    public var commit: String?
    /// Whether the code (Sources, Zoo, Datasets, Package.swift) had uncommitted changes.
    public var modified: Bool?
    /// The CPU, as the backend reports it (`BackendReport.cpuModel`).
    public var machine: String
    /// The backend's worker threads.
    public var threads: Int

    public init(started: String, seconds: Double, fromStep: Int, toStep: Int, commit: String?, modified: Bool?, machine: String, threads: Int) {
      self.started = started
      self.seconds = seconds
      self.fromStep = fromStep
      self.toStep = toStep
      self.commit = commit
      self.modified = modified
      self.machine = machine
      self.threads = threads
    }

    /// A session starting now at `step`, on this process's code and machine.
    public static func starting(at step: Int) -> Session {
      let backend = BackendReport.current()
      return Session(
        started: ISO8601DateFormatter().string(from: Date()), seconds: 0, fromStep: step, toStep: step,
        commit: RunDirectory.sourceCommit(), modified: RunDirectory.sourceTreeIsModified(), machine: backend.cpuModel,
        threads: backend.threads)
    }
  }

  public var sessions: [Session]

  public init(sessions: [Session] = []) {
    self.sessions = sessions
  }

  /// Every session's seconds, added up.
  public var totalSeconds: Double { sessions.reduce(0) { $0 + $1.seconds } }

  /// Reads `url`; no sessions when the file does not exist (runs recorded before it was kept).
  public static func read(from url: URL) throws -> RunSessions {
    guard FileManager.default.fileExists(atPath: url.path) else { return RunSessions() }
    return try JSONFile.read(RunSessions.self, from: url, what: "sessions file")
  }

  /// Writes `url`, atomically.
  public func write(to url: URL) throws {
    try JSONFile.write(self, to: url)
  }
}
