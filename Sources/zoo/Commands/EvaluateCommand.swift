import ArgumentParser
import Foundation
import ZooCore
import ZooRuns

/// `zoo evaluate <run-dir>`: recomputes a run's metrics from its checkpoint.
struct EvaluateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluate",
    abstract: "Recompute a run's metrics from its checkpoint (writes metrics.json, samples.png and figures/).",
    discussion: """
      Gaussian mixtures: modes covered and high-quality samples. Labelled images (mnist, shapes, \
      a folder of classes): the reference classifier's label histogram of 10,000 samples, and for \
      a conditional variant how often each class is drawn as asked; the classifier is trained \
      and cached in the data root first if there is none. Then, on images, 10,000 samples against \
      the test split: Fréchet and kernel distances, precision/recall and density/coverage in the \
      classifier's features beside their floor (real training images); memorisation (pixels and \
      features) and the data-copying test; the Parzen-window log-likelihood of Goodfellow et al. \
      2014; nearest-neighbour grids (figures/neighbours-*.png); latent walks \
      (figures/walk-*.png); on shapes, which factors each latent coordinate moves. A failed \
      evaluation leaves the run's files as they were.
      """)

  @OptionGroup var directory: RunDirectoryArgument

  @Flag(help: "Exit with status 1 unless the run meets its protocol's bar: every mode covered; every class's share of the samples within ½ and 1½ times 1/K; or, conditional, every class drawn as asked at least --target-accuracy of the time.")
  var check = false

  @Option(name: .customLong("target-accuracy"), help: "The share of samples asked for class c that must show c, for --check.")
  var targetAccuracy = 0.95

  @Option(help: "The reference classifier: train (train and cache one if none is cached), cached (fail if none is) or none (the metrics in pixels only).")
  var classifier: ClassifierChoice = .train

  @Option(help: "Samples the comparison metrics draw (the Parzen protocol's 10,000 by default).")
  var samples = 10_000

  enum ClassifierChoice: String, ExpressibleByArgument, CaseIterable {
    case train, cached, none

    var use: EvaluationOptions.ClassifierUse {
      switch self {
      case .train: return .loadOrTrain
      case .cached: return .cachedRequired
      case .none: return .unused
      }
    }
  }

  @Flag(name: .customLong("label-control"), help: "Control experiment for conditional runs: give the generator random labels instead of the requested ones, as one ignoring its label would draw; prints the figures, writes nothing.")
  var labelControl = false

  func run() throws {
    guard (0...1).contains(targetAccuracy) else { throw UsageError("--target-accuracy must lie in 0…1, got \(targetAccuracy)") }
    guard samples >= 1 else { throw UsageError("--samples must be positive, got \(samples)") }
    let opened = try Run.open(directory.url, registry: registry, access: labelControl ? .read : .write, notes: Console.note)
    if labelControl && !opened.isConditional {
      throw UsageError("--label-control needs a conditional run; \(opened.configuration.variant) takes no labels")
    }
    let configuration = opened.configuration
    Console.say("\(configuration.variant) on \(configuration.dataset), step \(opened.state.step) of \(configuration.steps)\(labelControl ? ", random labels given (control)" : "")")
    let bars = StageProgressBars()
    defer { bars.finish() }
    let result = try opened.evaluate(EvaluationOptions(
      classifier: classifier.use, labelControl: labelControl, targetAccuracy: targetAccuracy,
      classifierProgress: Console.classifierProgress, sampleCount: samples, progress: bars.update))
    bars.finish()
    Console.say(result.summary)
    let total = result.seconds.values.reduce(0, +)
    let times = result.outcomes.map { "\($0.key) \(ProgressBar.formatDuration(result.seconds[$0.key] ?? 0))" }
    Console.say("evaluated in \(ProgressBar.formatDuration(total)): " + times.joined(separator: ", "))
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
