import ArgumentParser
import Foundation
import ZooRuns

/// `zoo train <variant>`: trains a variant on a dataset into a run directory.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train", abstract: "Train a variant; writes config, loss log, checkpoints, samples and metrics to a run directory.")

  @Argument(help: "The variant, by name (see `zoo list`).")
  var variant: String

  @Option(help: "The dataset: a name (see `zoo list`) or a folder of images, with options after a colon (mnist:pad=32, photos/:size=64,channels=3).")
  var dataset = "ring8"

  @OptionGroup var location: DataRootOption

  @Option(help: "The objective of an adversarial variant, by name, with options after a colon: wgan-gp:lambda=0.1 (default: the variant's).")
  var objective: String?

  @Option(help: "Training iterations, k discriminator steps and one generator step each (default: the variant's for the data).")
  var steps: Int?

  @Option(help: "Train for this many passes over the data instead of --steps (datasets with a fixed size only).")
  var epochs: Int?

  @Option(name: .customLong("batch-size"), help: "Samples per minibatch (default: the variant's for the data).")
  var batchSize: Int?

  @Option(help: "The seed of every random draw.")
  var seed: UInt64 = 0

  @Option(help: "The run directory (default: runs/<variant>-<dataset>[-<objective>]-seed<seed>, a folder dataset by its last name).")
  var out: String?

  @Option(name: .customLong("set"), help: "Override a configuration field, e.g. --set latentDimension=8 (repeatable).")
  var overrides: [String] = []

  @Option(name: .customLong("sample-every"), help: "Steps between sample snapshots (default: a tenth of the run).")
  var sampleInterval: Int?

  @Option(name: .customLong("checkpoint-every"), help: "Steps between checkpoints (default: a twentieth of the run).")
  var checkpointInterval: Int?

  func run() throws {
    try Console.runOnLaunchedProcesses(train)
  }

  private func train() throws {
    let specification = RunSpecification(
      variant: variant, dataset: dataset, dataRoot: location.dataRoot, objective: objective, steps: steps, epochs: epochs,
      batchSize: batchSize, seed: seed, overrides: overrides, sampleInterval: sampleInterval, checkpointInterval: checkpointInterval,
      commandLine: CommandLine.arguments)
    let run = try Run.create(specification, registry: registry, in: out.map(URL.init(fileURLWithPath:)), processGroup: LaunchedProcesses.group, notes: Console.note)
    let configuration = run.configuration
    let objectiveText = configuration.objective.map { " with the \($0) objective" } ?? ""
    let processes = run.environment.worldSize > 1 ? " on \(run.environment.worldSize) processes" : ""
    Console.say("training \(configuration.variant) on \(configuration.dataset)\(objectiveText) for \(configuration.steps) steps\(processes); run directory \(run.directory.path)")
    try Self.train(run)
  }

  /// Trains `run` to its end with a progress bar, stopping cleanly on SIGINT, and prints its
  /// metrics; `zoo resume` shares it.
  static func train(_ run: Run) throws {
    Interruption.install()
    switch try run.train(observers: run.writesFiles ? [ProgressReporter()] : [], shouldStop: { Interruption.requested }) {
    case .finished(let result):
      if let result { Console.say(result.summary) }
      Console.say("run directory \(run.directory.path): config.json, losses.csv, losses.png, checkpoint.safetensors, samples/, metrics.json")
    case .alreadyFinished:
      Console.say("run \(run.directory.path) already finished its \(run.configuration.steps) steps")
    case .interrupted(let step):
      throw UsageError("interrupted after step \(step); checkpoint saved. Continue with: zoo resume \(run.directory.path)")
    }
  }
}
