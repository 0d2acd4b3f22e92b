import Foundation
import ZooCore

/// Everything that defines a run, written to `config.json` in its directory: enough to resume it,
/// sample from it, or repeat it, without its data.
public struct RunConfiguration: Codable, Equatable, Sendable {
  /// The variant's registry name.
  public var variant: String
  /// The dataset's name (or folder), with its options.
  public var dataset: String
  /// The absolute data root a dataset read from one (`mnist`) came from; `nil` otherwise.
  public var dataRoot: String?
  /// The objective's registry name with every option it takes spelled out
  /// (`wgan-gp:lambda=0.1`), so a resumed run rebuilds the same objective; absent for a variant
  /// without an adversarial objective.
  public var objective: String?
  /// What the samples look like, so the run is opened, sampled and evaluated without loading its
  /// data; absent in runs recorded before it was kept (those load their data to learn it).
  public var data: DataDescription?
  /// The classes' names in label order, for labelled data.
  public var classNames: [String]?
  /// Training iterations in all.
  public var steps: Int
  /// Samples per minibatch.
  public var batchSize: Int
  /// The seed every random draw of the run comes from (`RunSeeds`).
  public var seed: UInt64
  /// Steps between sample snapshots.
  public var sampleInterval: Int
  /// Steps between checkpoints.
  public var checkpointInterval: Int
  /// The variant's configuration, fully resolved (defaults plus `--set` overrides).
  public var configuration: JSONValue
  /// The command line that started the run.
  public var commandLine: [String]
  /// The git commit of the source tree the run was started from, when known.
  public var sourceCommit: String?
  /// When the run was started (ISO 8601).
  public var created: String
  /// The number of processes it was started on (a data-parallel run, `mpirun -np N`); absent
  /// for one. A run resumes on any number: the result does not depend on it beyond the order of
  /// float sums.
  public var worldSize: Int?

  /// Reads `config.json` from `directory`.
  public static func read(from directory: RunDirectory) throws -> RunConfiguration {
    let url = directory.configuration
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw UsageError("\(directory.path) is not a run directory (no \(RunDirectory.configurationFile))")
    }
    return try JSONFile.read(RunConfiguration.self, from: url, what: "run configuration")
  }

  /// Writes `config.json` into `directory`, atomically.
  public func write(to directory: RunDirectory) throws {
    try JSONFile.write(self, to: directory.configuration)
  }
}
