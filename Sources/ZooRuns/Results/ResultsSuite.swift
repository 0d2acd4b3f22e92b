import Foundation
import TensorBackend
import ZooCore
import ZooEvaluation

/// `zoo results` as a library: the experiments of a results specification, what is left to do
/// for each (`plan`), the estimate of its time (`estimates`), running it (`run`), and RESULTS.md
/// rendered from the committed summaries (`render`).
///
/// Running trains what is missing, resumes what was interrupted, reuses every run whose summary
/// (or run directory) matches the configuration its experiment resolves to today, evaluates, and
/// after each run writes its summary, its figure and RESULTS.md: a suite stopped by Ctrl-C or
/// `kill -9` keeps everything finished, and the next call continues where it stopped.
///
/// ```swift
/// let suite = try ResultsSuite(layout: ResultsLayout(root: repository), registry: registry)
/// try suite.run()                          // trains, evaluates, writes summaries and RESULTS.md
/// let document = try suite.render()        // RESULTS.md from the summaries alone
/// ```
public final class ResultsSuite {
  public let specification: ResultsSpecification
  public let registry: Registry
  public let layout: ResultsLayout
  /// `--data-root` for datasets read from one (`mnist`); `nil`: `$GAN_ZOO_DATA`, else `./data`.
  public var dataRoot: String?
  /// Receives what is worth telling (a run set aside, a classifier missing).
  public var notes: (String) -> Void
  /// Receives a training reference classifier's progress.
  public var classifierProgress: (ReferenceClassifier.TrainingProgress) -> Void = { _ in }
  /// Kinds of run whose trainer was built once while planning.
  private var builtKinds: [ResolvedConfiguration] = []

  /// Reads the specification `layout` names and checks every name in it against `registry`.
  /// - Throws: `UsageError` for a specification that does not read, or names an unknown variant,
  ///   dataset, objective or metric (with the nearest valid name).
  public init(layout: ResultsLayout, registry: Registry, dataRoot: String? = nil, notes: @escaping (String) -> Void = { _ in }) throws {
    self.layout = layout
    self.registry = registry
    self.dataRoot = dataRoot
    self.notes = notes
    let specification = try ResultsSpecification.read(from: layout.url(layout.specification))
    do {
      try specification.validate(registry: registry)
    } catch let error as UsageError {
      throw UsageError("\(layout.specification): \(error.description)")
    }
    self.specification = specification
  }

  // MARK: The document

  /// The summaries in the summaries folder, by run name.
  public func summaries() throws -> [String: RunSummary] {
    try ResultsDocument.summaries(in: layout.url(layout.summaries))
  }

  /// RESULTS.md from the specification and the summaries alone.
  public func render() throws -> String {
    var document = ResultsDocument(specification: specification, registry: registry, summaries: try summaries())
    for table in specification.sideBySide ?? [] {
      document.sideBySideRecords[table.records] = try SideBySideRecord.records(in: layout.url(table.records))
    }
    document.specificationPath = layout.specification
    document.summariesPath = layout.summaries
    document.figuresPath = layout.figures
    return try document.render()
  }

  /// Writes `render()` to the document, atomically.
  public func writeDocument() throws {
    try Data(try render().utf8).write(to: layout.url(layout.document), options: .atomic)
  }

  /// `nil` when the document on disk is exactly `render()`; otherwise where they first differ.
  public func documentDifference() throws -> String? {
    let rendered = try render()
    guard let written = try? String(contentsOf: layout.url(layout.document), encoding: .utf8) else {
      return "\(layout.document) does not exist"
    }
    guard written != rendered else { return nil }
    let old = written.split(separator: "\n", omittingEmptySubsequences: false), new = rendered.split(separator: "\n", omittingEmptySubsequences: false)
    let line = (0..<min(old.count, new.count)).first { old[$0] != new[$0] } ?? min(old.count, new.count)
    let found = line < old.count ? String(old[line]) : "(end of file)", wanted = line < new.count ? String(new[line]) : "(end of file)"
    return "\(layout.document) line \(line + 1) differs from `zoo results --render`:\n  file:     \(found.prefix(200))\n  rendered: \(wanted.prefix(200))"
  }

  /// Summaries and figures in the results folders that no table asks for any more (after an
  /// edit of the specification), relative to the root.
  public func strayFiles() throws -> [String] {
    let experiments = try specification.experiments(registry: registry).map(\.name)
    let tables = specification.tables.map(\.id)
    var stray: [String] = []
    let summaries = (try? FileManager.default.contentsOfDirectory(atPath: layout.url(layout.summaries).path)) ?? []
    for name in summaries.sorted() where name.hasSuffix(".json") && !experiments.contains(String(name.dropLast(5))) {
      stray.append(layout.summaries + "/" + name)
    }
    let figures = (try? FileManager.default.contentsOfDirectory(atPath: layout.url(layout.figures).path)) ?? []
    for name in figures.sorted() where name.hasSuffix(".png") {
      let base = String(name.dropLast(4))
      let isLossFigure = base.hasSuffix("-losses") && tables.contains(String(base.dropLast(7)))
      if !experiments.contains(base) && !isLossFigure { stray.append(layout.figures + "/" + name) }
    }
    return stray
  }

  /// Deletes `strayFiles()`; the files deleted.
  @discardableResult
  public func pruneStrayFiles() throws -> [String] {
    let stray = try strayFiles()
    for path in stray { try FileManager.default.removeItem(at: layout.url(path)) }
    return stray
  }

  // MARK: What to do

  /// The experiments `only` selects (a variant, dataset, objective or table id; `nil`: all).
  /// - Throws: `UsageError` when `only` matches none, with the nearest name that would.
  public func experiments(only: String? = nil) throws -> [Experiment] {
    let all = try specification.experiments(registry: registry)
    guard let only else { return all }
    var names = specification.tables.map(\.id)
    for experiment in all { names += [experiment.variant, experiment.dataset] + (experiment.objective.map { [$0] } ?? []) }
    var tableExperiments = Set<String>()
    for table in specification.tables where table.id == only {
      for row in try specification.rows(of: table, registry: registry) { tableExperiments.formUnion(row.experiments.map(\.name)) }
    }
    let selected = all.filter {
      tableExperiments.contains($0.name) || $0.variant == only || $0.dataset == only || $0.objective == only
    }
    guard !selected.isEmpty else {
      var unique: [String] = []
      for name in names where !unique.contains(name) { unique.append(name) }
      throw UsageError(unknown: only, kind: "--only value (a variant, dataset, objective or table of the specification)", valid: unique)
    }
    return selected
  }

  /// What each selected experiment needs: resolves every one first (so a name, option or data
  /// problem stops the suite before anything trains), then compares with its summary and run
  /// directory. `reevaluate` evaluates finished runs again (a metric was added to the plan).
  public func plan(only: String? = nil, reevaluate: Bool = false) throws -> [PlannedRun] {
    let summaries = try summaries()
    return try experiments(only: only).map { experiment in
      let configuration = try resolve(experiment)
      let directory = RunDirectory(layout.runDirectory(of: experiment.name))
      let summary = summaries[experiment.name]
      let summaryMatches = summary?.configuration == configuration
      if summaryMatches && !(reevaluate && summary?.status == .finished && directory.holdsRun) {
        return PlannedRun(experiment: experiment, action: .reuse, configuration: configuration)
      }
      let stale = summary != nil && !summaryMatches ? "its summary was made with another configuration; " : ""
      guard directory.holdsRun else { return PlannedRun(experiment: experiment, action: .train, configuration: configuration, note: stale.isEmpty ? nil : stale + "training it afresh") }
      let recorded = try RunConfiguration.read(from: directory)
      guard ResolvedConfiguration(recorded) == configuration else {
        return PlannedRun(experiment: experiment, action: .train, configuration: configuration,
                          note: "\(directory.path) holds another configuration; it is set aside and the run trained afresh")
      }
      if summary?.status == .diverged && summaryMatches && !reevaluate {
        return PlannedRun(experiment: experiment, action: .reuse, configuration: configuration)
      }
      let step = try RunView(directory.url).progress()?.step ?? 0
      return PlannedRun(experiment: experiment, action: step < configuration.steps ? .resume(fromStep: step) : .evaluate, configuration: configuration)
    }
  }

  /// The time each planned run should take: from finished runs of its kind in the summaries,
  /// else measured by training one for a few seconds (`TrainingEstimate.measure`); `nil` for a
  /// run reused, or one whose measurement stopped (it diverged, or `shouldStop` said so).
  public func estimates(for plan: [PlannedRun], shouldStop: (() -> Bool)? = nil) throws -> [TrainingEstimate?] {
    let summaries = Array(try summaries().values)
    var measured: [(kind: ResolvedConfiguration, estimate: TrainingEstimate)] = []
    return try plan.map { planned in
      guard planned.action != .reuse else { return nil }
      let kind = planned.configuration.kind
      if let known = TrainingEstimate.fromSummaries(summaries, kind: kind) ?? measured.first(where: { $0.kind == kind })?.estimate {
        return known
      }
      do {
        let estimate = try TrainingEstimate.measure(
          planned.experiment.specification(dataRoot: dataRoot), registry: registry, notes: notes, shouldStop: shouldStop)
        measured.append((kind, estimate))
        return estimate
      } catch let error as TrainingError {
        // A run that diverges at once, or a stop asked for: no estimate; the run itself will say.
        notes("\(planned.experiment.name): no time estimate (\(error))")
        return nil
      }
    }
  }

  /// The configuration `experiment` resolves to today, once its variant has shown it builds a
  /// trainer for it (once per kind of run), so data a variant cannot take stops the suite early.
  func resolve(_ experiment: Experiment) throws -> ResolvedConfiguration {
    do {
      let resolution = try RunResolution(experiment.specification(dataRoot: dataRoot), registry: registry, notes: notes)
      let configuration = ResolvedConfiguration(resolution.configuration)
      if !builtKinds.contains(configuration.kind), let data = configuration.data {
        let objective = try configuration.objective.map { try registry.objective($0).resolved(for: data).objective }
        var generator = SplitMix64(seed: 0)
        _ = try Run.makeTrainer(
          try registry.variant(named: configuration.variant), configuration: configuration.configuration, data: data, objective: objective,
          environment: TrainingEnvironment(batchSize: configuration.batchSize), using: &generator)
        builtKinds.append(configuration.kind)
      }
      return configuration
    } catch let error as UsageError {
      throw UsageError("\(experiment.name): \(error.description)")
    } catch {
      throw UsageError("\(experiment.name): \(error)")
    }
  }
}
