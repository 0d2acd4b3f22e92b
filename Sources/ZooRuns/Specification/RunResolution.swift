import Foundation
import ZooCore

/// A specification resolved against a registry and its data: the configuration a run records,
/// with the variant, the objective and the data source it names.
struct RunResolution {
  var configuration: RunConfiguration
  let source: any BatchSource

  /// Resolves `specification`: names to types, defaults for the data (and objective), the
  /// schedule with `--steps`, `--epochs` and `--batch-size`, and the `--set` overrides; every
  /// mistake is a `UsageError` naming it.
  init(_ specification: RunSpecification, registry: Registry, notes: @escaping (String) -> Void) throws {
    let variant = try registry.variant(named: specification.variant)
    let adversarial = variant as? any AdversarialVariant.Type
    if let objective = specification.objective, adversarial == nil {
      let others = registry.variants.filter { $0 is any AdversarialVariant.Type }.map { $0.name }
      throw UsageError("\(variant.name) has no adversarial objective, so --objective \(objective) does not apply; objectives are for the adversarial variants (\(others.joined(separator: ", ")))")
    }
    let objectiveSpecification = try adversarial.map { try registry.objective(specification.objective ?? $0.defaultObjective.name) }
    let seeds = RunSeeds(specification.seed)
    source = try DataCatalog.source(named: specification.dataset, dataRoot: specification.dataRoot, seed: seeds.data.state, notes: notes)
    let data = source.description
    var objectiveText: String?
    if let adversarial, let objectiveSpecification {
      let objective = objectiveSpecification.type
      if objective.traits.contains(.needsLipschitzCritic) && !adversarial.keepsCriticLipschitz {
        let keepers = registry.variants.compactMap { $0 as? any AdversarialVariant.Type }.filter { $0.keepsCriticLipschitz }.map { $0.name }
        throw UsageError("objective \(objective.name) needs a Lipschitz critic, which \(adversarial.name) does not keep; train it with \(keepers.isEmpty ? "a variant that clips its critic" : keepers.joined(separator: " or ")), or use wgan-gp, whose penalty keeps the critic Lipschitz")
      }
      objectiveText = objectiveSpecification.resolved(for: data).text
    }
    let schedule = Self.schedule(variant, objective: objectiveSpecification?.type, data: data)
    let batchSize = specification.batchSize ?? schedule.batchSize
    let steps = try Self.stepCount(specification, data: data, batchSize: batchSize) ?? schedule.steps
    guard steps > 0 else { throw UsageError("--steps must be positive, got \(steps)") }
    guard batchSize > 0 else { throw UsageError("--batch-size must be positive, got \(batchSize)") }
    let resolved = try Self.configuration(variant, objective: objectiveSpecification?.type, data: data, overrides: specification.overrides)
    configuration = RunConfiguration(
      variant: variant.name, dataset: specification.dataset,
      dataRoot: try DataCatalog.recordedDataRoot(for: specification.dataset, option: specification.dataRoot),
      objective: objectiveText, data: data, classNames: DataCatalog.classNames(of: source), steps: steps, batchSize: batchSize,
      seed: specification.seed, sampleInterval: specification.sampleInterval ?? max(1, steps / 10),
      checkpointInterval: specification.checkpointInterval ?? max(1, steps / 20), configuration: resolved,
      commandLine: specification.commandLine, sourceCommit: RunDirectory.sourceCommit(),
      created: ISO8601DateFormatter().string(from: Date()))
  }

  /// `--steps`, or `--epochs` converted to steps: an epoch is epochSize / batchSize steps
  /// (iterations of the loop, whatever k).
  private static func stepCount(_ specification: RunSpecification, data: DataDescription, batchSize: Int) throws -> Int? {
    guard let epochs = specification.epochs else { return specification.steps }
    guard specification.steps == nil else { throw UsageError("give --steps or --epochs, not both") }
    guard let size = data.epochSize else {
      throw UsageError("\(specification.dataset) is drawn afresh for every batch and has no epochs; use --steps")
    }
    guard epochs > 0 else { throw UsageError("--epochs must be positive, got \(epochs)") }
    return max(1, (epochs * size + batchSize - 1) / batchSize)
  }

  private static func schedule(_ variant: any ZooVariant.Type, objective: (any Objective.Type)?, data: DataDescription) -> TrainingSchedule {
    if let adversarial = variant as? any AdversarialVariant.Type, let objective {
      return adversarial.defaultSchedule(for: data, objective: objective)
    }
    return variant.defaultSchedule(for: data)
  }

  /// The variant's defaults for the data (and objective) with the overrides applied, as JSON.
  private static func configuration(
    _ variant: any ZooVariant.Type, objective: (any Objective.Type)?, data: DataDescription, overrides: [String]
  ) throws -> JSONValue {
    if let adversarial = variant as? any AdversarialVariant.Type, let objective {
      return try overridden(adversarial.defaultConfiguration(for: data, objective: objective), overrides)
    }
    return try overridden(variant.defaultConfiguration(for: data), overrides)
  }

  private static func overridden<C: Codable>(_ defaults: C, _ overrides: [String]) throws -> JSONValue {
    try JSONValue(encoding: ConfigurationOverrides.apply(overrides, to: defaults))
  }
}
