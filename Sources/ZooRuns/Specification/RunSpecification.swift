import Foundation
import ZooCore

/// What a user asks for when starting a run: a variant and a dataset by name, and whatever they
/// override. `Run.create` resolves it against a `Registry` (defaults, schedule, `--epochs`,
/// `--set`) into the `RunConfiguration` the run records.
public struct RunSpecification: Sendable, Equatable {
  /// The variant's registry name (`gan`).
  public var variant: String
  /// A dataset name or folder, with options after a colon (`mnist:pad=32`).
  public var dataset: String
  /// The folder holding downloaded datasets; `nil`: `$GAN_ZOO_DATA`, else `./data`.
  public var dataRoot: String?
  /// `--objective`: a name with options (`wgan-gp:lambda=0.1`); `nil` for the variant's default.
  /// Only adversarial variants take one.
  public var objective: String?
  /// Training iterations; `nil` for the variant's default (or `epochs`).
  public var steps: Int?
  /// Passes over a finite dataset, converted to steps; exclusive with `steps`.
  public var epochs: Int?
  /// Samples per minibatch; `nil` for the variant's default.
  public var batchSize: Int?
  /// The seed of every random draw.
  public var seed: UInt64
  /// `key=value` overrides of the variant's configuration (`--set`), dotted keys for nested fields.
  public var overrides: [String]
  /// Steps between snapshots; `nil`: a tenth of the run.
  public var sampleInterval: Int?
  /// Steps between checkpoints; `nil`: a twentieth of the run.
  public var checkpointInterval: Int?
  /// The command line to record, if the run was started from one.
  public var commandLine: [String]

  public init(
    variant: String, dataset: String = "ring8", dataRoot: String? = nil, objective: String? = nil, steps: Int? = nil,
    epochs: Int? = nil, batchSize: Int? = nil, seed: UInt64 = 0, overrides: [String] = [], sampleInterval: Int? = nil,
    checkpointInterval: Int? = nil, commandLine: [String] = []
  ) {
    self.variant = variant
    self.dataset = dataset
    self.dataRoot = dataRoot
    self.objective = objective
    self.steps = steps
    self.epochs = epochs
    self.batchSize = batchSize
    self.seed = seed
    self.overrides = overrides
    self.sampleInterval = sampleInterval
    self.checkpointInterval = checkpointInterval
    self.commandLine = commandLine
  }

  /// `runs/<variant>-<dataset>[-<objective>]-seed<seed>`, relative to the current directory: the
  /// objective as given (or the variant's default) for an adversarial variant, nothing otherwise;
  /// a folder dataset by its last name.
  public func defaultDirectory(registry: Registry) throws -> URL {
    let variant = try registry.variant(named: self.variant)
    var parts = [variant.name, DataCatalog.runName(for: dataset)]
    if let adversarial = variant as? any AdversarialVariant.Type {
      parts.append(ObjectiveSpecification.runName(for: objective ?? adversarial.defaultObjective.name))
    }
    return URL(fileURLWithPath: "runs/" + (parts + ["seed\(seed)"]).joined(separator: "-"))
  }
}
