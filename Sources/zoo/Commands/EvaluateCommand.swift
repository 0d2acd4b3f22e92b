import ArgumentParser
import Foundation
import ZooRuns

/// `zoo evaluate <run-dir>`: recomputes a run's metrics from its checkpoint.
struct EvaluateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluate",
    abstract: "Recompute a run's metrics from its checkpoint (writes metrics.json and samples.png).",
    discussion: """
      Gaussian mixtures: modes covered and high-quality samples. Labelled images (mnist, shapes, \
      a folder of classes): the reference classifier's label histogram of 10,000 samples, and for \
      a conditional variant how often each class is drawn as asked; the classifier is trained \
      and cached in the data root first if there is none.
      """)

  @OptionGroup var directory: RunDirectoryArgument

  @Flag(help: "Exit with status 1 unless the run meets its protocol's bar: every mode covered; every class's share of the samples within ½ and 1½ times 1/K; or, conditional, every class drawn as asked at least --target-accuracy of the time.")
  var check = false

  @Option(name: .customLong("target-accuracy"), help: "The share of samples asked for class c that must show c, for --check.")
  var targetAccuracy = 0.95

  @Flag(name: .customLong("label-control"), help: "Control experiment for conditional runs: give the generator random labels instead of the requested ones, as one ignoring its label would draw; prints the figures, writes nothing.")
  var labelControl = false

  func run() throws {
    guard (0...1).contains(targetAccuracy) else { throw UsageError("--target-accuracy must lie in 0…1, got \(targetAccuracy)") }
    let opened = try Run.open(directory.url, registry: registry, access: labelControl ? .read : .write, notes: Console.note)
    if labelControl && !opened.isConditional {
      throw UsageError("--label-control needs a conditional run; \(opened.configuration.variant) takes no labels")
    }
    let configuration = opened.configuration
    Console.say("\(configuration.variant) on \(configuration.dataset), step \(opened.state.step) of \(configuration.steps)\(labelControl ? ", random labels given (control)" : "")")
    let result = try opened.evaluate(EvaluationOptions(
      classifier: .loadOrTrain, labelControl: labelControl, targetAccuracy: targetAccuracy, classifierProgress: Console.classifierProgress))
    Console.say(result.summary)
    guard check else { return }
    guard result.shortfalls.isEmpty else { throw CheckFailure(lines: result.shortfalls) }
    Console.say("check passed")
  }
}

/// `--check` found the run below its bar: the reasons, and exit status 1.
struct CheckFailure: Error, CustomStringConvertible {
  var lines: [String]
  var description: String { "check failed:\n" + lines.map { "  " + $0 }.joined(separator: "\n") }
}
