import ConditionalGAN
import DCGAN
import VanillaGAN
import ZooCore

/// Every variant of the zoo: the one list the runner looks names up in. Adding a variant adds a
/// line here.
let allVariants: [any ZooVariant.Type] = [
  VanillaGAN.self,
  DCGAN.self,
  ConditionalGAN.self,
]

/// Every objective, by the name `--objective` takes.
let allObjectives: [any Objective.Type] = [
  MinimaxObjective.self,
  NonSaturatingObjective.self,
  LeastSquaresObjective.self,
  HingeObjective.self,
  WassersteinGradientPenaltyObjective.self,
]

enum Registry {
  static func variant(named name: String) throws -> any ZooVariant.Type {
    try NameLookup.find(name, in: allVariants.map { ($0.name, $0) }, kind: "variant")
  }

  static func objective(named name: String) throws -> any Objective.Type {
    try NameLookup.find(name, in: allObjectives.map { ($0.name, $0) }, kind: "objective")
  }

  /// The objective `--objective` describes: a name, or `name:key=value,…` with the objective's
  /// options (`wgan-gp:lambda=0.1`).
  static func objective(_ text: String) throws -> ObjectiveSpecification {
    try ObjectiveSpecification(text)
  }
}
