import ArgumentParser
import Foundation

/// `zoo train <variant>`: trains a variant on a dataset into a run directory.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train", abstract: "Train a variant; writes config, loss log, checkpoints, samples and metrics to a run directory.")

  @Argument(help: "The variant, by name (see `zoo list`).")
  var variant: String

  @Option(help: "The dataset: a name (see `zoo list`) or a folder of images, with options after a colon (mnist:pad=32, photos/:size=64,channels=3).")
  var dataset = "ring8"

  @Option(name: .customLong("data-root"), help: "The folder holding downloaded datasets (default: $GAN_ZOO_DATA, else ./data).")
  var dataRoot: String?

  @Option(help: "The objective, by name, with options after a colon: wgan-gp:lambda=0.1 (default: the variant's).")
  var objective: String?

  @Option(help: "Training iterations, k discriminator steps and one generator step each (default: the variant's for the data).")
  var steps: Int?

  @Option(help: "Train for this many passes over the data instead of --steps (datasets with a fixed size only).")
  var epochs: Int?

  @Option(name: .customLong("batch-size"), help: "Samples per minibatch (default: the variant's for the data).")
  var batchSize: Int?

  @Option(help: "The seed of every random draw.")
  var seed: UInt64 = 0

  @Option(help: "The run directory (default: runs/<variant>-<dataset>-<objective>-seed<seed>, a folder dataset by its last name).")
  var out: String?

  @Option(name: .customLong("set"), help: "Override a configuration field, e.g. --set latentDimension=8 (repeatable).")
  var overrides: [String] = []

  @Option(name: .customLong("sample-every"), help: "Steps between sample snapshots (default: a tenth of the run).")
  var sampleInterval: Int?

  @Option(name: .customLong("checkpoint-every"), help: "Steps between checkpoints (default: a twentieth of the run).")
  var checkpointInterval: Int?

  func run() throws {
    let objectiveName = try objective ?? Registry.variant(named: variant).defaultObjective.name
    let directory = URL(fileURLWithPath: out ?? "runs/\(variant)-\(DataCatalog.runName(for: dataset))-\(ObjectiveSpecification.runName(for: objectiveName))-seed\(seed)")
    let session = try RunSession.create(
      variant: variant, dataset: dataset, dataRoot: dataRoot, objective: objective, steps: steps, epochs: epochs, batchSize: batchSize, seed: seed,
      overrides: overrides, directory: directory, sampleInterval: sampleInterval, checkpointInterval: checkpointInterval,
      commandLine: CommandLine.arguments)
    try session.train(resuming: false)
  }
}
