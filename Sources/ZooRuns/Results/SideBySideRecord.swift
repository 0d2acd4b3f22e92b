import Foundation

/// One run of the side-by-side protocol, as `Tests/Fidelity/side-by-side.py` writes it to
/// `results/side-by-side/<model>-<side>-<schedule>-seed<S>.json`: which model and side (the
/// zoo's variant, or the PyTorch reference), the schedule and seed, how long the training steps
/// took where, and the whole `zoo score --json` report of its samples.
public struct SideBySideRecord: Codable, Equatable, Sendable {
  /// The protocol's name of the model (`dcgan32`), the reference workload of
  /// `shared/bench/reference.py` (`dcgan32-c1`) and the zoo's variant (`dcgan`).
  public var model: String
  public var reference: String
  public var variant: String
  /// `zoo` or `pytorch`.
  public var side: String
  /// `epochs4`, or `steps40` for a run shortened by steps.
  public var schedule: String
  public var epochs: Int?
  public var seed: UInt64
  public var dataset: String
  /// Samples drawn and scored.
  public var sampleCount: Int
  /// `zoo <commit>` or `PyTorch <version>`.
  public var software: String
  /// The CPU.
  public var machine: String
  /// `seconds` (in training steps), `steps`, `batchSize`, `threads`, `command`.
  public var training: JSONValue
  /// The `zoo score --json` report.
  public var score: JSONValue

  /// The parts a column reads (`ResultMetric.report`: `training` or `score`), as metrics.json
  /// holds reports, so columns read records as they read runs.
  public var reports: MetricsFile {
    MetricsFile(variant: variant, dataset: dataset, objective: nil, step: nil, metrics: ["training": training, "score": score])
  }

  /// A number of the training part (`steps`, `batchSize`, `threads`, `seconds`).
  public func training(_ key: String) -> Double? {
    guard case .object(let fields) = training, case .number(let value)? = fields[key] else { return nil }
    return value
  }

  /// Every record in `folder` (`*.json`), in file-name order; none when the folder does not exist.
  public static func records(in folder: URL) throws -> [SideBySideRecord] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
    return try names.sorted().filter { $0.hasSuffix(".json") }.map {
      try JSONFile.read(SideBySideRecord.self, from: folder.appendingPathComponent($0), what: "side-by-side record")
    }
  }
}
