import Foundation
import NeuralNetworks
import TensorBackend
import ZooCore

/// One run of the zoo: its directory, configuration, trainer and where it stands. Create one
/// from a `RunSpecification`, or open one from its directory; then train it (resuming from its
/// checkpoint), sample it and evaluate it:
///
/// ```swift
/// let run = try Run.create(RunSpecification(variant: "gan", steps: 2_000), registry: registry, in: folder)
/// try run.train()
/// let samples = try run.samples(count: 64, seed: 1)
/// ```
///
/// Opening reads config.json and the checkpoint: the networks are built from the configuration
/// and the recorded description of the data, so a run is sampled and evaluated without its data.
/// A run opened for writing (created, or opened with `.write`) holds the directory's `RunLock`
/// until it is released, so no two processes write one run.
public final class Run {
  /// How a run is opened.
  public enum Access: Sendable {
    /// To sample, read or look at it; anyone may, while a writer runs.
    case read
    /// To train, resume or evaluate it into its directory; one process at a time.
    case write
  }

  public let directory: RunDirectory
  public let configuration: RunConfiguration
  public let variant: any ZooVariant.Type
  /// The objective, for an adversarial variant.
  public let objective: (any Objective)?
  public let trainer: any Trainer
  /// What the samples look like.
  public let data: DataDescription
  /// The random streams, all from the run's seed.
  public let seeds: RunSeeds
  /// What the trainer was built with: the batch size, and this process's rank among those
  /// training together (only rank 0 writes the run's files).
  public let environment: TrainingEnvironment
  /// Where the loop stands: at step 0 for a new run, at its checkpoint for an opened one.
  public internal(set) var state: TrainingState
  /// Receives what is worth telling while loading data or evaluating (images resized, a
  /// classifier missing).
  public var notes: (String) -> Void
  /// Held while this process may write the run.
  var lock: RunLock?
  /// The data, loaded when training needs it (or when the run recorded no description of it).
  var loadedSource: (any BatchSource)?

  /// Resolves `specification` against `registry`, builds the trainer, and writes `config.json`
  /// into `directory` (default: `specification.defaultDirectory`). Nothing is written unless
  /// every name, setting and the data resolve and the trainer builds; the run holds the
  /// directory's lock.
  /// - Throws: `UsageError` for anything the user asked for that does not fit, `RunBusyError`
  ///   when another process writes the directory, and the variant's errors for data it cannot
  ///   train on.
  ///
  /// In a data-parallel run (`processGroup`: the processes a launcher started together, say
  /// `MPIProcessGroup.launched()`), every process resolves the specification and builds its
  /// trainer; they check that they agree (`RunFingerprint`), and rank 0 alone takes the lock
  /// and writes.
  public static func create(
    _ specification: RunSpecification, registry: Registry, in directory: URL? = nil, processGroup: (any ProcessGroup)? = nil,
    notes: @escaping (String) -> Void = { _ in }
  ) throws -> Run {
    var resolution = try RunResolution(specification, registry: registry, notes: notes)
    let directory = RunDirectory(try directory ?? specification.defaultDirectory(registry: registry))
    if let group = processGroup, group.size > 1 {
      resolution.configuration.worldSize = group.size
      try RunFingerprint.check(resolution.configuration, group: group)
      guard resolution.configuration.batchSize >= group.size else {
        throw UsageError("a batch of \(resolution.configuration.batchSize) cannot be shared among \(group.size) processes; use --batch-size \(group.size) or more")
      }
      // Rank 0 creates and writes; the others learn whether it could, and fail with it.
      var failure: (any Error)?
      var run: Run?
      if group.rank == 0 {
        do { run = try create(resolution: resolution, directory: directory, registry: registry, processGroup: group, notes: notes) } catch { failure = error }
      }
      let failed = try group.sum([failure == nil ? 0 : 1])[0] > 0
      if let failure { throw failure }
      if failed { throw UsageError("rank \(group.rank): rank 0 could not create the run in \(directory.path) (it says why)") }
      return try run ?? Run(directory: directory, configuration: resolution.configuration, registry: registry, source: resolution.source,
                            processGroup: group, notes: notes)
    }
    return try create(resolution: resolution, directory: directory, registry: registry, processGroup: nil, notes: notes)
  }

  private static func create(
    resolution: RunResolution, directory: RunDirectory, registry: Registry, processGroup: (any ProcessGroup)?,
    notes: @escaping (String) -> Void
  ) throws -> Run {
    func refuseExistingRun() throws {
      guard !directory.holdsRun else {
        throw UsageError("\(directory.path) already holds a run; continue it with `zoo resume \(directory.path)` or choose another --out")
      }
    }
    // A run being written is refused naming its writer; one at rest, as a run.
    if directory.holdsRun { _ = try RunLock(directory) }
    try refuseExistingRun()
    let run = try Run(directory: directory, configuration: resolution.configuration, registry: registry, source: resolution.source,
                      processGroup: processGroup, notes: notes)
    let created = !FileManager.default.fileExists(atPath: directory.path)
    try FileManager.default.createDirectory(at: directory.url, withIntermediateDirectories: true)
    // Another writer's lock means the folder is theirs: leave it as it is.
    run.lock = try RunLock(directory)
    do {
      try refuseExistingRun()
      try resolution.configuration.write(to: directory)
    } catch {
      run.lock = nil
      if created { try? FileManager.default.removeItem(at: directory.url) }
      throw error
    }
    return run
  }

  /// Opens the run in `url`: its configuration, its trainer at the last checkpoint. `.write`
  /// takes the directory's lock first. In a data-parallel run (`processGroup`), every process
  /// reads the checkpoint, on whatever number of processes the run started; rank 0 alone
  /// takes the lock, and no process goes on until all have read.
  public static func open(
    _ url: URL, registry: Registry, access: Access = .read, processGroup: (any ProcessGroup)? = nil, notes: @escaping (String) -> Void = { _ in }
  ) throws -> Run {
    let directory = RunDirectory(url)
    let group = processGroup.flatMap { $0.size > 1 ? $0 : nil }
    var configuration = try RunConfiguration.read(from: directory)
    if let group {
      try RunFingerprint.check(configuration, group: group)
      guard configuration.batchSize >= group.size else {
        throw UsageError("the run's batch of \(configuration.batchSize) cannot be shared among \(group.size) processes")
      }
      if configuration.worldSize != group.size {
        notes("the run continues on \(group.size) processes (it started on \(configuration.worldSize ?? 1)); only the order of float sums changes")
      }
      configuration.worldSize = group.size
    }
    let lock = access == .write && (group?.rank ?? 0) == 0 ? try RunLock(directory) : nil
    let run = try Run(directory: directory, configuration: configuration, registry: registry, source: nil, processGroup: group, notes: notes)
    run.lock = lock
    if FileManager.default.fileExists(atPath: directory.checkpoint.path) {
      run.state = try Checkpoint.read(from: directory.checkpoint, into: run.trainer)
    }
    if let group { _ = try group.sum([0]) }
    return run
  }

  private init(
    directory: RunDirectory, configuration: RunConfiguration, registry: Registry, source: (any BatchSource)?,
    processGroup: (any ProcessGroup)?, notes: @escaping (String) -> Void
  ) throws {
    self.directory = directory
    self.configuration = configuration
    self.notes = notes
    seeds = RunSeeds(configuration.seed)
    variant = try registry.variant(named: configuration.variant)
    loadedSource = source
    if let recorded = configuration.data {
      data = recorded
    } else {
      let loaded = try DataCatalog.source(named: configuration.dataset, dataRoot: configuration.dataRoot, seed: seeds.data.state, notes: notes)
      loadedSource = loaded
      data = loaded.description
    }
    let adversarial = variant as? any AdversarialVariant.Type
    switch (adversarial, configuration.objective) {
    case (.some, .some(let text)):
      objective = try registry.objective(text).resolved(for: data).objective
    case (.none, .none):
      objective = nil
    case (.some, .none):
      throw UsageError("\(directory.path): the run names no objective, and \(variant.name) is adversarial")
    case (.none, .some(let text)):
      throw UsageError("\(directory.path): the run names the objective \(text), and \(variant.name) has none")
    }
    if let group = processGroup, group.size > 1 {
      environment = TrainingEnvironment(batchSize: configuration.batchSize, processGroup: group)
    } else {
      environment = TrainingEnvironment(batchSize: configuration.batchSize)
    }
    var initialization = seeds.initialization
    let built = try Self.makeTrainer(variant, configuration: configuration.configuration, data: data, objective: objective,
                                     environment: environment, using: &initialization)
    trainer = environment.processGroup.map { ProcessAveragedTrainer(built, group: $0) } ?? built
    state = TrainingState(seed: 0)
    state.generator = seeds.training
  }

  /// Whether this process holds the run's lock.
  public var isWriter: Bool { lock != nil }

  /// Whether this process writes the run's files: the one process, or rank 0 of several.
  public var writesFiles: Bool { environment.rank == 0 }

  /// Gives up the lock; the run stays readable.
  public func release() { lock = nil }

  /// The run's data, loading it if needed.
  func source() throws -> any BatchSource {
    if let loadedSource { return loadedSource }
    let loaded = try DataCatalog.source(named: configuration.dataset, dataRoot: configuration.dataRoot, seed: seeds.data.state, notes: notes)
    loadedSource = loaded
    return loaded
  }

  /// The trainer `variant` builds from the recorded configuration, with the objective if it is
  /// adversarial; initial weights from `generator`.
  private static func makeTrainer(
    _ variant: any ZooVariant.Type, configuration: JSONValue, data: DataDescription, objective: (any Objective)?,
    environment: TrainingEnvironment, using generator: inout SplitMix64
  ) throws -> any Trainer {
    if let objective, let adversarial = variant as? any AdversarialVariant.Type {
      return try adversarialTrainer(adversarial, configuration: configuration, data: data, objective: objective, environment: environment, using: &generator)
    }
    return try trainer(variant, configuration: configuration, data: data, environment: environment, using: &generator)
  }

  private static func trainer<V: ZooVariant>(
    _ variant: V.Type, configuration: JSONValue, data: DataDescription, environment: TrainingEnvironment, using generator: inout SplitMix64
  ) throws -> any Trainer {
    try V.makeTrainer(configuration: decode(variant, configuration), data: data, environment: environment, using: &generator)
  }

  private static func adversarialTrainer<A: AdversarialVariant>(
    _ variant: A.Type, configuration: JSONValue, data: DataDescription, objective: any Objective, environment: TrainingEnvironment,
    using generator: inout SplitMix64
  ) throws -> any Trainer {
    try A.makeTrainer(configuration: decode(variant, configuration), data: data, objective: objective, environment: environment, using: &generator)
  }

  private static func decode<V: ZooVariant>(_ variant: V.Type, _ configuration: JSONValue) throws -> V.Configuration {
    do {
      return try configuration.decode(as: V.Configuration.self)
    } catch {
      throw UsageError("the run's configuration does not fit variant \(V.name): \(error)")
    }
  }
}
