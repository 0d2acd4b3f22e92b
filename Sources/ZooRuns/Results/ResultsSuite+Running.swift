import Foundation
import ZooCore
import ZooEvaluation

extension ResultsSuite {
  /// Runs the suite: plans it (every experiment resolved before anything trains), trains,
  /// resumes or evaluates what the plan says, writes each run's summary and figure and
  /// RESULTS.md as each run ends, then the tables' loss figures.
  ///
  /// - Parameters:
  ///   - only: a variant, dataset, objective or table id: the part of the suite to run (the
  ///     document still shows every table).
  ///   - reevaluate: evaluate finished runs again that have their run directory.
  ///   - shouldStop: asked after every training step; when it says so, the run under way writes
  ///     its checkpoint and the suite returns, interrupted.
  ///   - progress: where the one progress bar and the suite's lines go (standard error by default).
  @discardableResult
  public func run(
    only: String? = nil, reevaluate: Bool = false, shouldStop: (() -> Bool)? = nil, progress output: ((String) -> Void)? = nil,
    isTerminal: Bool? = nil
  ) throws -> SuiteOutcome {
    let plan = try plan(only: only, reevaluate: reevaluate)
    var outcome = SuiteOutcome()
    outcome.reused = plan.filter { $0.action == .reuse }.map(\.experiment.name)
    let pending = plan.filter { $0.action != .reuse }
    let estimates = try self.estimates(for: pending, shouldStop: shouldStop)
    let weights = zip(pending, estimates).map { planned, estimate in
      estimate.map { $0.seconds(steps: planned.remainingSteps, overhead: true) } ?? 1
    }
    let progress = SuiteProgress(names: pending.map(\.experiment.name), weights: weights, isTerminal: isTerminal, write: output)
    defer { progress.end() }
    let say: (String) -> Void = { progress.say("note: " + $0) }
    try prepareClassifiers(for: pending, notes: say)
    let figureRuns = try figureExperiments()
    for (index, planned) in pending.enumerated() {
      if let note = planned.note { say("\(planned.experiment.name): \(note)") }
      progress.begin(index)
      let ended = try execute(planned, figure: figureRuns.contains(planned.experiment.name), progress: progress, notes: say, shouldStop: shouldStop)
      switch ended {
      case .interrupted(let step):
        outcome.interrupted = (planned.experiment.name, step)
        progress.say("interrupted \(planned.experiment.name) after step \(step), checkpoint written; `zoo results` continues it")
        try writeDocument()
        return outcome
      case .summarised(let summary):
        outcome.record(planned, summary: summary)
        progress.finish(index)
        progress.say(Self.report(summary))
      }
      try writeDocument()
    }
    try writeLossFigures(touched: Set(pending.map(\.experiment.name)), notes: say)
    try writeDocument()
    return outcome
  }

  /// How one experiment's turn ended.
  private enum Ended {
    case summarised(RunSummary)
    case interrupted(step: Int)
  }

  private func execute(
    _ planned: PlannedRun, figure: Bool, progress: SuiteProgress, notes: @escaping (String) -> Void, shouldStop: (() -> Bool)?
  ) throws -> Ended {
    let experiment = planned.experiment
    let directory = RunDirectory(layout.runDirectory(of: experiment.name))
    let run: Run
    switch planned.action {
    case .train:
      if directory.holdsRun { try setAside(directory, notes: notes) }
      try FileManager.default.createDirectory(at: directory.url.deletingLastPathComponent(), withIntermediateDirectories: true)
      run = try Run.create(
        experiment.specification(dataRoot: dataRoot, commandLine: ["zoo", "results", "(\(experiment.commandLine))"]), registry: registry,
        in: directory.url, notes: notes)
    case .resume, .evaluate, .reuse:
      run = try Run.open(directory.url, registry: registry, access: .write, notes: notes)
    }
    defer { run.release() }
    var result: EvaluationResult?
    do {
      switch try run.train(observers: [progress], shouldStop: shouldStop) {
      case .finished(let evaluation): result = evaluation
      case .alreadyFinished: result = try run.evaluate()
      case .interrupted(let step): return .interrupted(step: step)
      }
    } catch TrainingError.nonFiniteLoss(let step, let term, let value) {
      let checkpoint = try RunView(directory.url).progress()
      let summary = RunSummary(
        run: experiment.name, configuration: ResolvedConfiguration(run.configuration), status: .diverged,
        failure: "diverged at step \(step) (\(term) loss \(value))", stepsTrained: step - 1,
        trainingSeconds: checkpoint?.elapsedSeconds ?? 0, sessions: try RunSessions.read(from: directory.sessions).sessions, metrics: nil,
        shortfalls: [])
      try write(summary)
      return .summarised(summary)
    }
    var figurePath: String?
    if figure, FileManager.default.fileExists(atPath: directory.finalSamples.path) {
      let path = layout.figure(of: experiment.name)
      try FileManager.default.createDirectory(at: layout.url(layout.figures), withIntermediateDirectories: true)
      try? FileManager.default.removeItem(at: layout.url(path))
      try FileManager.default.copyItem(at: directory.finalSamples, to: layout.url(path))
      figurePath = path
    }
    let summary = RunSummary(
      run: experiment.name, configuration: ResolvedConfiguration(run.configuration), status: .finished, stepsTrained: run.state.step,
      trainingSeconds: run.state.elapsedSeconds, sessions: try RunSessions.read(from: directory.sessions).sessions, metrics: result?.file,
      shortfalls: result?.shortfalls ?? [], figure: figurePath,
      heldOut: (try? LossLog.read(from: directory.lossLog)).flatMap { HeldOutCurve($0, epochSize: run.data.epochSize) })
    try write(summary)
    return .summarised(summary)
  }

  private func write(_ summary: RunSummary) throws {
    try FileManager.default.createDirectory(at: layout.url(layout.summaries), withIntermediateDirectories: true)
    try summary.write(to: layout.summary(of: summary.run))
  }

  /// Moves a run directory that no longer matches its experiment to `<runs>/superseded/`.
  private func setAside(_ directory: RunDirectory, notes: (String) -> Void) throws {
    let folder = layout.url(layout.runs).appendingPathComponent("superseded")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var target = folder.appendingPathComponent(directory.url.lastPathComponent)
    var attempt = 1
    while FileManager.default.fileExists(atPath: target.path) {
      attempt += 1
      target = folder.appendingPathComponent(directory.url.lastPathComponent + "-\(attempt)")
    }
    try FileManager.default.moveItem(at: directory.url, to: target)
    notes("\(directory.path) held another configuration; moved to \(target.path)")
  }

  /// Trains (or loads) the reference classifier of every labelled image dataset the pending runs
  /// train on, so their evaluation judges their samples; a dataset whose images the classifier
  /// cannot take is a note.
  private func prepareClassifiers(for pending: [PlannedRun], notes: @escaping (String) -> Void) throws {
    var prepared = Set<String>()
    for planned in pending {
      guard let data = planned.configuration.data, data.kind == .images, data.classCount != nil,
            prepared.insert(planned.configuration.dataset).inserted else { continue }
      do {
        _ = try ClassifierCatalog.referenceClassifier(
          for: planned.configuration.dataset, dataRoot: dataRoot, notes: notes, progress: classifierProgress)
      } catch ReferenceClassifierError.unsupportedShape(let shape, let reason) {
        notes("\(planned.configuration.dataset): no classifier judgement for images of \(shape.map(String.init).joined(separator: "×")) (\(reason))")
      }
    }
  }

  /// The runs whose samples the tables show: each row's first seed, in tables with figures.
  func figureExperiments() throws -> Set<String> {
    var names = Set<String>()
    for table in specification.tables where table.showsFigures {
      for row in try specification.rows(of: table, registry: registry) { names.insert(row.figureExperiment.name) }
    }
    return names
  }

  /// Draws each table's loss figure (`zoo compare` of its rows' first seeds, grouped by what
  /// varies between rows) when one of those runs changed in this call or the figure is missing,
  /// and every one of them has its run directory here.
  func writeLossFigures(touched: Set<String>, notes: (String) -> Void) throws {
    for table in specification.tables where table.showsFigures {
      let rows = try specification.rows(of: table, registry: registry)
      let names = rows.map(\.figureExperiment.name)
      let path = layout.url(layout.figures).appendingPathComponent("\(table.id)-losses.png")
      guard names.contains(where: touched.contains) || !FileManager.default.fileExists(atPath: path.path) else { continue }
      let directories = names.map { layout.runDirectory(of: $0) }
      guard directories.allSatisfy({ FileManager.default.fileExists(atPath: $0.appendingPathComponent(RunDirectory.lossLogFile).path) }) else {
        notes("table \(table.id): its loss figure needs the run directories of every row's first seed")
        continue
      }
      let key: ComparisonKey = Set(rows.map(\.objective)).count > 1 ? .objective : Set(rows.map(\.variant)).count > 1 ? .variant : .dataset
      do {
        let comparison = try RunComparison(directories, groupBy: key, axis: .step)
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try comparison.figure(title: table.title).write(toFile: path.path)
      } catch let error as UsageError {
        notes("table \(table.id): no loss figure: \(error.description)")
      }
    }
  }

  /// One line about a finished run for the terminal.
  static func report(_ summary: RunSummary) -> String {
    let time = ResultsDocument.duration(summary.wallSeconds)
    if summary.status == .diverged { return "\(summary.run): \(summary.failure ?? "diverged") after \(time)" }
    let verdict = summary.shortfalls.isEmpty ? "" : "; below the bar: " + summary.shortfalls.joined(separator: ", ")
    return "\(summary.run): \(summary.stepsTrained) steps, \(time)\(verdict)"
  }
}
