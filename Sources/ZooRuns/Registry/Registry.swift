import ZooCore

/// The variants and objectives a run may name: the runner's one registry list, handed to the
/// library. A run records names, so opening one looks its variant and objective up here.
// Metatypes are immutable, so sharing a registry across threads is safe.
public struct Registry: @unchecked Sendable {
  public var variants: [any ZooVariant.Type]
  public var objectives: [any Objective.Type]

  public init(variants: [any ZooVariant.Type], objectives: [any Objective.Type] = StandardObjectives.all) {
    self.variants = variants
    self.objectives = objectives
  }

  /// The variant called `name`, or a usage error listing the valid names.
  public func variant(named name: String) throws -> any ZooVariant.Type {
    try NameLookup.find(name, in: variants.map { ($0.name, $0) }, kind: "variant")
  }

  /// The objective called `name`, or a usage error listing the valid names.
  public func objective(named name: String) throws -> any Objective.Type {
    try NameLookup.find(name, in: objectives.map { ($0.name, $0) }, kind: "objective")
  }

  /// The objective `--objective` describes: a name, or `name:key=value,…` with the objective's
  /// options (`wgan-gp:lambda=0.1`).
  public func objective(_ text: String) throws -> ObjectiveSpecification {
    try ObjectiveSpecification(text, registry: self)
  }
}
