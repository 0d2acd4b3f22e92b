import Foundation
import ZooCore

/// One progress bar for a whole results suite: the share of the suite's estimated time done, the
/// run under way and its step, and the time left, on standard error. On a terminal one line is
/// redrawn in place (`results [#####···]  34%  run 5/14 gan-ring8-hinge-seed1  step 1200/3000
/// 4:10, ETA 8:05`) and `say` prints above it; elsewhere (a log file, CI) a plain line every
/// twentieth of the suite and at each run's end.
///
/// It observes the training of every run the suite trains; runs are weighed by their estimated
/// seconds (`TrainingEstimate`), so a long run moves the bar as much as it takes.
public final class SuiteProgress: TrainingObserver {
  private let names: [String]
  private let weights: [Double]
  private let total: Double
  private let isTerminal: Bool
  private let write: (String) -> Void
  private let start = ThroughputClock.now()
  private var done = 0.0
  private var current: Int?
  private var runFraction = 0.0
  private var stepText = ""
  private var firstStep = 0
  private var lastDraw = -Double.infinity
  private var lastTwentieth = -1
  private var lineShown = false

  /// A bar over runs `names` weighing `weights` (estimated seconds, one each).
  /// - Parameter write: where the text goes (standard error by default; tests capture it).
  public init(names: [String], weights: [Double], isTerminal: Bool? = nil, write: ((String) -> Void)? = nil) {
    precondition(names.count == weights.count, "SuiteProgress: \(names.count) names for \(weights.count) weights")
    self.names = names
    self.weights = weights.map { max($0, 1e-3) }
    total = self.weights.reduce(0, +)
    self.isTerminal = isTerminal ?? (isatty(STDERR_FILENO) == 1)
    self.write = write ?? { FileHandle.standardError.write(Data($0.utf8)) }
  }

  /// The suite moves on to run `index`.
  public func begin(_ index: Int) {
    current = index
    runFraction = 0
    stepText = ""
    draw(force: true)
  }

  /// Run `index` is done (trained, evaluated, reused or failed).
  public func finish(_ index: Int) {
    done += weights[index]
    if current == index { current = nil }
    runFraction = 0
    draw(force: true)
  }

  /// Prints `line` above the bar.
  public func say(_ line: String) {
    write((isTerminal && lineShown ? "\r\u{1B}[2K" : "") + line + "\n")
    lineShown = false
    draw(force: true)
  }

  /// Ends the bar's line.
  public func end() {
    if isTerminal && lineShown { write("\n") }
    lineShown = false
  }

  public func trainingWillStart(trainer: any Trainer, state: TrainingState, totalSteps: Int) throws {
    firstStep = state.step
  }

  public func stepDidFinish(_ record: StepRecord, trainer: any Trainer, state: TrainingState, totalSteps: Int) throws {
    runFraction = totalSteps > firstStep ? Double(state.step - firstStep) / Double(totalSteps - firstStep) : 1
    stepText = "step \(state.step)/\(totalSteps)"
    draw(force: false)
  }

  /// The share of the suite's estimated time done.
  public var fraction: Double {
    let inRun = current.map { weights[$0] * runFraction } ?? 0
    return total > 0 ? min(1, (done + inRun) / total) : 1
  }

  private func draw(force: Bool) {
    let now = ThroughputClock.now()
    let fraction = self.fraction
    let twentieth = Int(fraction * 20)
    if isTerminal {
      guard force || now - lastDraw >= 0.2 else { return }
    } else {
      guard twentieth > lastTwentieth else { return }
      lastTwentieth = twentieth
    }
    lastDraw = now
    let line = Self.line(
      fraction: fraction, elapsed: now - start, run: current.map { ($0 + 1, names.count, names[$0]) }, step: stepText,
      barWidth: isTerminal ? 24 : 0)
    write(isTerminal ? "\r\u{1B}[2K" + line : line + "\n")
    lineShown = isTerminal
  }

  /// `results [####····]  34%  run 5/14 NAME  step 1200/3000  4:10, ETA 8:05`.
  static func line(fraction: Double, elapsed: Double, run: (number: Int, count: Int, name: String)?, step: String, barWidth: Int) -> String {
    var parts = ["results"]
    if barWidth > 0 {
      let filled = Int((fraction * Double(barWidth)).rounded(.down))
      parts.append("[" + String(repeating: "#", count: filled) + String(repeating: "·", count: barWidth - filled) + "]")
    }
    parts.append(String(format: "%3.0f%%", fraction * 100))
    if let run { parts.append("run \(run.number)/\(run.count) \(run.name)") }
    if !step.isEmpty { parts.append(step) }
    let remaining = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
    parts.append(ProgressBar.formatDuration(elapsed) + (fraction > 0 && fraction < 1 ? ", ETA " + ProgressBar.formatDuration(remaining) : ""))
    return parts.joined(separator: "  ")
  }
}
