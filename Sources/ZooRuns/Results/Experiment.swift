import Foundation
import ZooCore

/// One run of a results suite: a variant on a dataset, with an objective for an adversarial
/// variant, one seed, a schedule and overrides; named after all of them, so the name alone finds
/// its run directory and its summary, and two tables asking for the same run share it.
///
/// The name is `zoo train`'s default folder name with the schedule and overrides before the
/// seed: `gan-ring8-non-saturating-steps3000-seed1`, `wgan-ring8-wasserstein-set-clipping0.01-seed0`.
public struct Experiment: Hashable, Sendable {
  public var variant: String
  public var dataset: String
  /// The objective as the specification gives it (the variant's default spelled out); `nil` for a
  /// variant without one.
  public var objective: String?
  public var seed: UInt64
  public var steps: Int?
  public var epochs: Int?
  public var batchSize: Int?
  public var overrides: [String]

  public init(
    variant: String, dataset: String, objective: String?, seed: UInt64, steps: Int? = nil, epochs: Int? = nil, batchSize: Int? = nil,
    overrides: [String] = []
  ) {
    self.variant = variant
    self.dataset = dataset
    self.objective = objective
    self.seed = seed
    self.steps = steps
    self.epochs = epochs
    self.batchSize = batchSize
    self.overrides = overrides
  }

  /// The run's name: its folder under the suite's runs folder and its summary's file name.
  public var name: String { rowName + "-seed\(seed)" }

  /// The name without the seed: what the seeds of one table row share.
  public var rowName: String {
    var parts = [variant, DataCatalog.runName(for: dataset)]
    if let objective { parts.append(ObjectiveSpecification.runName(for: objective)) }
    if let steps { parts.append("steps\(steps)") }
    if let epochs { parts.append("epochs\(epochs)") }
    if let batchSize { parts.append("batch\(batchSize)") }
    if !overrides.isEmpty { parts.append("set-" + overrides.map(Self.namePart).joined(separator: "-")) }
    return parts.joined(separator: "-")
  }

  /// What `zoo train` would be asked for this run.
  public func specification(dataRoot: String?, commandLine: [String] = []) -> RunSpecification {
    RunSpecification(
      variant: variant, dataset: dataset, dataRoot: dataRoot, objective: objective, steps: steps, epochs: epochs, batchSize: batchSize,
      seed: seed, overrides: overrides, commandLine: commandLine)
  }

  /// The `zoo train` command that trains the same run, for listings.
  public var commandLine: String {
    var words = ["zoo", "train", variant, "--dataset", dataset]
    if let objective { words += ["--objective", objective] }
    if let steps { words += ["--steps", "\(steps)"] }
    if let epochs { words += ["--epochs", "\(epochs)"] }
    if let batchSize { words += ["--batch-size", "\(batchSize)"] }
    for override in overrides { words += ["--set", override] }
    return (words + ["--seed", "\(seed)"]).joined(separator: " ")
  }

  /// `key=value` as a name: `clipping=0.01` → `clipping0.01`, `widths=[8,8]` → `widths-8-8`.
  private static func namePart(_ override: String) -> String {
    var text = ""
    for character in override.replacingOccurrences(of: "=", with: "") {
      if character.isLetter || character.isNumber || character == "." || character == "_" {
        text.append(character)
      } else if !text.hasSuffix("-") {
        text.append("-")
      }
    }
    while text.hasSuffix("-") { text.removeLast() }
    return text
  }
}
