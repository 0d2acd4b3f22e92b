import Foundation
import NeuralNetworks
import TensorBackend
import ZooCore

/// One run of the zoo: its configuration, data, trainer and directory. `zoo train` creates one,
/// `zoo resume` and `zoo sample` open one.
struct RunSession {
  let directory: URL
  let configuration: RunConfiguration
  let variant: any ZooVariant.Type
  let objective: any Objective
  let trainer: any Trainer
  var data: any BatchSource

  var checkpointURL: URL { directory.appendingPathComponent(RunDirectory.checkpointFile) }
  var lossLogURL: URL { directory.appendingPathComponent(RunDirectory.lossLogFile) }

  /// Resolves names and overrides, builds the models, and writes `config.json`.
  static func create(
    variant variantName: String, dataset: String, dataRoot: String? = nil, objective objectiveName: String?, steps: Int?, epochs: Int? = nil, batchSize: Int?,
    seed: UInt64, overrides: [String], directory: URL, sampleInterval: Int?, checkpointInterval: Int?,
    commandLine: [String]
  ) throws -> RunSession {
    let variant = try Registry.variant(named: variantName)
    let objectiveSpecification = try Registry.objective(objectiveName ?? variant.defaultObjective.name)
    let data = try DataCatalog.source(named: dataset, dataRoot: dataRoot, seed: RunSeeds(seed).data.state)
    let objectiveType = objectiveSpecification.type, objectiveText = objectiveSpecification.resolved(for: data.description).text
    let schedule = variant.defaultSchedule(for: data.description, objective: objectiveType)
    let batchSize = batchSize ?? schedule.batchSize
    let steps = try stepCount(steps: steps, epochs: epochs, data: data.description, dataset: dataset, batchSize: batchSize) ?? schedule.steps
    guard steps > 0 else { throw UsageError("--steps must be positive, got \(steps)") }
    guard batchSize > 0 else { throw UsageError("--batch-size must be positive, got \(batchSize)") }
    let resolved = try resolveConfiguration(variant, data: data.description, objective: objectiveType, overrides: overrides)
    if FileManager.default.fileExists(atPath: directory.appendingPathComponent(RunDirectory.configurationFile).path) {
      throw UsageError("\(directory.path) already holds a run; continue it with `zoo resume \(directory.path)` or choose another --out")
    }
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let configuration = RunConfiguration(
      variant: variant.name, dataset: dataset, dataRoot: try DataCatalog.recordedDataRoot(for: dataset, option: dataRoot), objective: objectiveText, steps: steps, batchSize: batchSize, seed: seed,
      sampleInterval: sampleInterval ?? max(1, steps / 10), checkpointInterval: checkpointInterval ?? max(1, steps / 20),
      configuration: resolved, commandLine: commandLine, sourceCommit: RunDirectory.sourceCommit(),
      created: ISO8601DateFormatter().string(from: Date()))
    let session = try RunSession(directory: directory, configuration: configuration)
    try configuration.write(to: directory)
    return session
  }

  /// `--steps`, or `--epochs` converted to steps: an epoch is epochSize / batchSize steps
  /// (iterations of the loop, whatever k).
  private static func stepCount(steps: Int?, epochs: Int?, data: DataDescription, dataset: String, batchSize: Int) throws -> Int? {
    guard let epochs else { return steps }
    guard steps == nil else { throw UsageError("give --steps or --epochs, not both") }
    guard let size = data.epochSize else {
      throw UsageError("\(dataset) is drawn afresh for every batch and has no epochs; use --steps")
    }
    guard epochs > 0 else { throw UsageError("--epochs must be positive, got \(epochs)") }
    return max(1, (epochs * size + batchSize - 1) / batchSize)
  }

  /// Opens an existing run directory.
  static func open(_ directory: URL) throws -> RunSession {
    try RunSession(directory: directory, configuration: RunConfiguration.read(from: directory))
  }

  private init(directory: URL, configuration: RunConfiguration) throws {
    self.directory = directory
    self.configuration = configuration
    variant = try Registry.variant(named: configuration.variant)
    data = try DataCatalog.source(named: configuration.dataset, dataRoot: configuration.dataRoot, seed: RunSeeds(configuration.seed).data.state)
    objective = try Registry.objective(configuration.objective).resolved(for: data.description).objective
    var initialization = RunSeeds(configuration.seed).initialization
    trainer = try Self.makeTrainer(variant, configuration: configuration.configuration, data: data.description,
                                   objective: objective, batchSize: configuration.batchSize, using: &initialization)
  }

  /// The loop's state at the start of a fresh run.
  var initialState: TrainingState {
    var state = TrainingState(seed: 0)
    state.generator = RunSeeds(configuration.seed).training
    return state
  }

  /// Noise for sample snapshots, the same at every snapshot so successive ones are comparable;
  /// drawn from its own generator so it never disturbs training's.
  func fixedNoise(count: Int) -> Tensor {
    var generator = RunSeeds(configuration.seed).snapshots
    return Tensor.randomNormal([count, trainer.sampler.latentDimension], using: &generator)
  }

  private static func resolveConfiguration<V: ZooVariant>(
    _ variant: V.Type, data: DataDescription, objective: any Objective.Type, overrides: [String]
  ) throws -> JSONValue {
    let defaults = V.defaultConfiguration(for: data, objective: objective)
    return try JSONValue(encoding: ConfigurationOverrides.apply(overrides, to: defaults))
  }

  private static func makeTrainer<V: ZooVariant>(
    _ variant: V.Type, configuration: JSONValue, data: DataDescription, objective: any Objective, batchSize: Int,
    using generator: inout SplitMix64
  ) throws -> any Trainer {
    let decoded: V.Configuration
    do {
      decoded = try configuration.decode(as: V.Configuration.self)
    } catch {
      throw UsageError("the run's configuration does not fit variant \(V.name): \(error)")
    }
    return try V.makeTrainer(configuration: decoded, data: data, objective: objective, batchSize: batchSize, using: &generator)
  }
}

/// The independent random streams of a run, all split off its one seed: changing how one is used
/// (say, more snapshot samples) leaves the others, and so training, untouched.
struct RunSeeds {
  /// Draws the networks' initial weights.
  let initialization: SplitMix64
  /// Every draw of training: batches, noise, dropout, penalties.
  let training: SplitMix64
  /// The fixed noise of sample snapshots.
  let snapshots: SplitMix64
  /// The seed of a finite dataset's epoch orders (its state is the seed).
  let data: SplitMix64

  init(_ seed: UInt64) {
    var root = SplitMix64(seed: seed)
    initialization = root.split()
    training = root.split()
    snapshots = root.split()
    data = root.split()
  }
}
