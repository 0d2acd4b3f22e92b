import Foundation

/// Everything that defines a run, written to `config.json` in its directory: enough to resume it,
/// sample from it, or repeat it.
struct RunConfiguration: Codable, Equatable {
  /// The variant's registry name.
  var variant: String
  /// The dataset's name (or folder).
  var dataset: String
  /// The absolute data root a dataset read from one (`mnist`) came from; `nil` otherwise.
  var dataRoot: String?
  /// The objective's registry name with every option it takes spelled out
  /// (`wgan-gp:lambda=0.1`), so a resumed run rebuilds the same objective.
  var objective: String
  /// Training iterations in all.
  var steps: Int
  /// Samples per minibatch.
  var batchSize: Int
  /// The seed every random draw of the run comes from.
  var seed: UInt64
  /// Steps between sample snapshots.
  var sampleInterval: Int
  /// Steps between checkpoints.
  var checkpointInterval: Int
  /// The variant's configuration, fully resolved (defaults plus `--set` overrides).
  var configuration: JSONValue
  /// The command line that started the run.
  var commandLine: [String]
  /// The git commit of the source tree the run was started from, when known.
  var sourceCommit: String?
  /// When the run was started (ISO 8601).
  var created: String

  static func read(from directory: URL) throws -> RunConfiguration {
    let url = directory.appendingPathComponent(RunDirectory.configurationFile)
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw UsageError("\(directory.path) is not a run directory: it has no \(RunDirectory.configurationFile)")
    }
    do {
      return try JSONDecoder().decode(RunConfiguration.self, from: Data(contentsOf: url))
    } catch {
      throw UsageError("\(url.path) is not a readable run configuration: \(error)")
    }
  }

  func write(to directory: URL) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(self).write(to: directory.appendingPathComponent(RunDirectory.configurationFile), options: .atomic)
  }
}

/// The files of a run directory.
enum RunDirectory {
  static let configurationFile = "config.json"
  static let checkpointFile = "checkpoint.safetensors"
  static let lossLogFile = "losses.csv"
  static let metricsFile = "metrics.json"
  static let samplesFolder = "samples"
  static let lossPlotFile = "losses.png"

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
