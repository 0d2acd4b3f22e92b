import ArgumentParser
import Foundation
import ZooRuns

/// `zoo results`: trains what the results specification asks for and writes RESULTS.md; the work
/// is `ResultsSuite`'s, this parses and prints.
struct ResultsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "results",
    abstract: "Train the experiments of results/spec.json that are missing, evaluate them and write RESULTS.md.",
    discussion: """
      Runs live in runs/results/ (not committed); each finished run leaves a summary in \
      results/summaries/ and, for each table row's first seed, its samples in results/figures/ \
      (both committed). A run whose summary or run directory matches what its experiment \
      resolves to is reused, an interrupted one resumed; Ctrl-C stops after the current step \
      with a checkpoint, and the next call continues. --render rebuilds RESULTS.md from the \
      summaries alone; --render --check exits 1 when RESULTS.md differs from that.
      """)

  @Option(help: "The results specification, relative to the current directory.")
  var spec = "results/spec.json"

  @Option(help: "Only the runs of this variant, dataset, objective or table id (RESULTS.md still shows every table).")
  var only: String?

  @Flag(name: .customLong("dry-run"), help: "List what would be trained, resumed or evaluated, with time estimates from measured throughput; train nothing.")
  var dryRun = false

  @Flag(help: "Write RESULTS.md from the summaries alone, training nothing.")
  var render = false

  @Flag(help: "With --render: write nothing, exit 1 when RESULTS.md differs from the rendering.")
  var check = false

  @Flag(help: "Evaluate finished runs again (those with a run directory here), e.g. after a metric joined the evaluation plan.")
  var reevaluate = false

  @Flag(help: "Delete summaries and figures in results/ that no table asks for any more, then go on as without it (training what is missing); with --render, delete and render only.")
  var prune = false

  @OptionGroup var location: DataRootOption

  func run() throws {
    guard !check || render else { throw UsageError("--check goes with --render") }
    let layout = ResultsLayout(root: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), specification: spec)
    let suite = try ResultsSuite(layout: layout, registry: registry, dataRoot: location.dataRoot, notes: Console.note)
    suite.classifierProgress = Console.classifierProgress
    if prune {
      for path in try suite.pruneStrayFiles() { Console.say("deleted \(path)") }
    } else if case let stray = try suite.strayFiles(), !stray.isEmpty {
      Console.note("\(stray.count) files in results/ belong to no table of \(spec) (\(stray.prefix(3).joined(separator: ", "))\(stray.count > 3 ? ", …" : "")); --prune deletes them")
    }
    if render {
      if check {
        if let difference = try suite.documentDifference() { throw CheckFailure(lines: [difference, "run `zoo results --render` and commit RESULTS.md"]) }
        Console.say("\(layout.document) is the rendering of \(layout.specification) and \(layout.summaries)/")
      } else {
        try suite.writeDocument()
        Console.say("wrote \(layout.document) from \(layout.specification) and \(layout.summaries)/")
      }
      return
    }
    if dryRun { return try printPlan(suite) }
    Interruption.install()
    let outcome = try suite.run(only: only, reevaluate: reevaluate, shouldStop: { Interruption.requested })
    var parts = ["\(outcome.trained.count) trained", "\(outcome.resumed.count) resumed", "\(outcome.evaluated.count) evaluated", "\(outcome.reused.count) reused"]
    if !outcome.diverged.isEmpty { parts.append("\(outcome.diverged.count) diverged (\(outcome.diverged.joined(separator: ", ")))") }
    Console.say("runs: " + parts.joined(separator: ", ") + "; wrote \(layout.document)")
    if let interrupted = outcome.interrupted {
      throw UsageError("interrupted in \(interrupted.run) after step \(interrupted.step); `zoo results` continues where it stopped")
    }
  }

  /// `--dry-run`: the plan, one line per run to do, with estimates.
  private func printPlan(_ suite: ResultsSuite) throws {
    Interruption.install()
    let plan = try suite.plan(only: only, reevaluate: reevaluate)
    let pending = plan.filter { $0.action != .reuse }
    Console.say("\(suite.layout.specification): \(plan.count) runs\(only.map { " for --only \($0)" } ?? ""); \(plan.count - pending.count) reused from their summaries, \(pending.count) to do")
    let estimates = try suite.estimates(for: pending, shouldStop: { Interruption.requested })
    var total = 0.0, unmeasuredOverhead = 0
    let width = pending.map(\.experiment.name.count).max() ?? 0
    for (planned, estimate) in zip(pending, estimates) {
      let action: String
      switch planned.action {
      case .train: action = "train   \(planned.configuration.steps) steps"
      case .resume(let step): action = "resume  from step \(step) of \(planned.configuration.steps)"
      case .evaluate: action = "evaluate"
      case .reuse: action = "reuse"
      }
      var time = "?"
      if let estimate {
        let seconds = estimate.seconds(steps: planned.remainingSteps, overhead: true)
        total += seconds
        if estimate.overheadSeconds == nil { unmeasuredOverhead += 1 }
        time = String(format: "%@ (%.1f ms/step, %@)", ResultsDocument.duration(seconds), 1000 * estimate.secondsPerStep, estimate.source)
      }
      Console.say("  " + planned.experiment.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + action + "  ~ " + time)
      if let note = planned.note { Console.say("    " + note) }
    }
    let evaluation = unmeasuredOverhead > 0 ? ", plus loading and evaluation for the \(unmeasuredOverhead) runs whose kind has not finished here yet" : ""
    Console.say("about \(ResultsDocument.duration(total)) in all\(evaluation)")
  }
}
