import Foundation

/// The files of a run directory:
///
/// | file | what |
/// |---|---|
/// | `config.json` | the resolved run (`RunConfiguration`) |
/// | `losses.csv`, `losses.png` | one row per step, one column per loss term and diagnostic; their curves |
/// | `checkpoint.safetensors` | weights, optimizer state and the loop's state |
/// | `samples/step-*.png` | snapshots from fixed noise |
/// | `samples.png`, `metrics.json` | the final samples, and one report per metric (`MetricsFile`) |
/// | `figures/*.png` | the evaluation's pictures: nearest-neighbour grids, latent walks |
/// | `reconstructions.png` | a likelihood model's reconstructions of held-out images, each row beneath its originals |
/// | `writer.lock` | locked while a process writes the run; holds its process id (`RunLock`) |
/// | `sessions.json` | each training session's time, steps, code commit and machine (`RunSessions`) |
/// | `events.out.tfevents.*` | TensorBoard event files: losses, diagnostics, snapshots, metrics (`TensorBoardLogger`) |
public struct RunDirectory: Sendable, Hashable {
  public let url: URL

  public init(_ url: URL) { self.url = url.standardizedFileURL }

  public static let configurationFile = "config.json"
  public static let checkpointFile = "checkpoint.safetensors"
  public static let lossLogFile = "losses.csv"
  public static let lossPlotFile = "losses.png"
  public static let metricsFile = "metrics.json"
  public static let samplesFolder = "samples"
  public static let finalSamplesFile = "samples.png"
  public static let reconstructionsFile = "reconstructions.png"
  public static let lockFile = "writer.lock"
  public static let sessionsFile = "sessions.json"
  public static let figuresFolder = "figures"

  public var path: String { url.path }
  public var configuration: URL { url.appendingPathComponent(Self.configurationFile) }
  public var checkpoint: URL { url.appendingPathComponent(Self.checkpointFile) }
  public var lossLog: URL { url.appendingPathComponent(Self.lossLogFile) }
  public var lossPlot: URL { url.appendingPathComponent(Self.lossPlotFile) }
  public var metrics: URL { url.appendingPathComponent(Self.metricsFile) }
  public var samples: URL { url.appendingPathComponent(Self.samplesFolder) }
  public var finalSamples: URL { url.appendingPathComponent(Self.finalSamplesFile) }
  public var reconstructions: URL { url.appendingPathComponent(Self.reconstructionsFile) }
  public var lock: URL { url.appendingPathComponent(Self.lockFile) }
  public var sessions: URL { url.appendingPathComponent(Self.sessionsFile) }
  public var figures: URL { url.appendingPathComponent(Self.figuresFolder) }

  /// Whether the folder holds a run (its config.json).
  public var holdsRun: Bool { FileManager.default.fileExists(atPath: configuration.path) }

  /// The commit of the git checkout at the current directory, if there is one.
  static func sourceCommit() -> String? {
    git(["rev-parse", "HEAD"]).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
  }

  /// Whether the code of the git checkout at the current directory (Sources, Zoo, Datasets,
  /// Package.swift) differs from its commit; `nil` outside a checkout.
  static func sourceTreeIsModified() -> Bool? {
    git(["status", "--porcelain", "--untracked-files=no", "--", "Sources", "Zoo", "Datasets", "Package.swift"]).map { !$0.isEmpty }
  }

  /// What `git arguments` prints, or `nil` when git fails or is missing.
  private static func git(_ arguments: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: output, as: UTF8.self)
  }
}
