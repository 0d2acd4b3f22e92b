import ArgumentParser
import ZooCore
import ZooRuns

/// `zoo list`: the variants, objectives and datasets the runner knows.
struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "list", abstract: "List variants, objectives and datasets.")

  func run() throws {
    func padded(_ name: String) -> String { name.padding(toLength: 16, withPad: " ", startingAt: 0) }
    print("Variants:")
    for variant in registry.variants {
      let objective = (variant as? any AdversarialVariant.Type).map { " (default objective: \($0.defaultObjective.name))" } ?? ""
      print("  \(padded(variant.name))\(variant.summary)\(objective)")
    }
    print("\nObjectives (--objective, adversarial variants):")
    for objective in registry.objectives {
      print("  \(padded(objective.name))\(objective.summary)")
    }
    print("\nDatasets (--dataset):")
    for (name, summary) in DataCatalog.summaries {
      print("  \(padded(name))\(summary)")
    }
  }
}
