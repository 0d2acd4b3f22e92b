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
  public var figures: URL { url.appendingPathComponent(Self.figuresFolder) }

  /// Whether the folder holds a run (its config.json).
  public var holdsRun: Bool { FileManager.default.fileExists(atPath: configuration.path) }

  /// The commit of the git checkout at the current directory, if there is one.
  static func sourceCommit() -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "rev-parse", "HEAD"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
