import ArgumentParser
import Foundation
import ZooRuns

/// `zoo compare RUN…`: the loss curves of several runs in one picture and their final metrics in
/// a table; the work is `RunComparison`'s, this parses and prints.
struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Overlay the loss curves of runs (one panel per loss term) and tabulate their final metrics.",
    discussion: """
      Each loss log column gets a panel with the curve of every run that logs it; terms every \
      run shares come first, terms only some have follow. Runs are coloured by --group-by. A \
      folder that is not a run takes every run below it. Writes the picture to --out and the \
      metrics table beside it as .md and .csv, and prints the table.
      """)

  @Argument(help: "Run directories, or folders of runs.")
  var runs: [String] = []

  @Option(name: .customLong("group-by"), help: "objective, variant or dataset: runs of a group share a colour.")
  var groupBy = "variant"

  @Option(name: .customLong("x"), help: "The horizontal axis: step, samples (seen) or seconds (of training).")
  var axis = "step"

  @Option(help: "Draw the trailing mean over this many logged steps (1: the raw values).")
  var smooth = 1

  @Option(help: "The picture (PNG); the table goes beside it with .md and .csv.")
  var out = "compare.png"

  func run() throws {
    guard let key = ComparisonKey(rawValue: groupBy) else {
      throw UsageError(unknown: groupBy, kind: "--group-by key", valid: ComparisonKey.allCases.map(\.rawValue))
    }
    guard let x = ComparisonAxis(rawValue: axis) else {
      throw UsageError(unknown: axis, kind: "--x axis", valid: ComparisonAxis.allCases.map(\.rawValue))
    }
    let comparison = try RunComparison(runs.map { URL(fileURLWithPath: $0) }, groupBy: key, axis: x, smoothing: smooth)
    let files = try comparison.write(to: URL(fileURLWithPath: out))
    FileHandle.standardOutput.write(Data(comparison.metricsTable().markdown.utf8))
    let panels = comparison.terms.map { RunComparison.title(of: $0.term) + ($0.runs.count < comparison.runs.count ? " (\($0.runs.count) of \(comparison.runs.count))" : "") }
    Console.say("\(comparison.runs.count) runs, \(panels.count) panels: \(panels.joined(separator: ", "))")
    Console.say("wrote " + files.map(\.relativePath).joined(separator: ", "))
  }
}
