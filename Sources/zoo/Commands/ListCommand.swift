import ArgumentParser
import ZooCore

/// `zoo list`: the variants, objectives and datasets the runner knows.
struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "list", abstract: "List variants, objectives and datasets.")

  func run() throws {
    print("Variants:")
    for variant in allVariants {
      print("  \(variant.name.padding(toLength: 16, withPad: " ", startingAt: 0))\(variant.summary) (default objective: \(variant.defaultObjective.name))")
    }
    print("\nObjectives (--objective):")
    for objective in allObjectives {
      print("  \(objective.name.padding(toLength: 16, withPad: " ", startingAt: 0))\(objective.summary)")
    }
    print("\nDatasets (--dataset):")
    for (name, summary) in DataCatalog.summaries {
      print("  \(name.padding(toLength: 16, withPad: " ", startingAt: 0))\(summary)")
    }
  }
}
