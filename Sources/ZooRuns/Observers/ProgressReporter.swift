import Foundation
import ZooCore

/// Shows training progress: on a terminal, one line redrawn in place
/// (`step 1200/5000 [######·········] 24%  3,456 img/s  ETA 0:42  discriminator 1.234 …`);
/// otherwise (a log file, CI) a plain line every tenth of the run.
public final class ProgressReporter: TrainingObserver {
  private let isTerminal: Bool
  private var lastDraw = 0.0
  private var startSeconds = 0.0
  private var startSamples = 0
  private var wallStart = 0.0

  /// Reports to standard error, drawing a bar when it is a terminal.
  public init() {
    isTerminal = isatty(STDERR_FILENO) == 1
  }

  public func trainingWillStart(trainer: any Trainer, state: TrainingState, totalSteps: Int) throws {
    startSeconds = state.elapsedSeconds
    startSamples = state.samplesSeen
    wallStart = ThroughputClock.now()
  }

  public func stepDidFinish(_ record: StepRecord, trainer: any Trainer, state: TrainingState, totalSteps: Int) throws {
    let now = ThroughputClock.now()
    let tenth = max(1, totalSteps / 10)
    let due = isTerminal ? now - lastDraw >= 0.1 || state.step == totalSteps : state.step % tenth == 0 || state.step == totalSteps
    guard due else { return }
    lastDraw = now
    let line = Self.line(record: record, state: state, totalSteps: totalSteps,
                         rate: Double(state.samplesSeen - startSamples) / max(now - wallStart, 1e-9),
                         barWidth: isTerminal ? 24 : 0)
    let text = isTerminal ? "\r\u{1B}[2K" + line + (state.step == totalSteps ? "\n" : "") : line + "\n"
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// The progress line for a step: count, bar, percentage, samples per second, ETA, losses.
  static func line(record: StepRecord, state: TrainingState, totalSteps: Int, rate: Double, barWidth: Int) -> String {
    let fraction = totalSteps > 0 ? Double(state.step) / Double(totalSteps) : 1
    var parts = ["step \(state.step)/\(totalSteps)"]
    if barWidth > 0 {
      let filled = Int((fraction * Double(barWidth)).rounded(.down))
      parts.append("[" + String(repeating: "#", count: filled) + String(repeating: "·", count: barWidth - filled) + "]")
    }
    parts.append(String(format: "%3.0f%%", fraction * 100))
    parts.append(String(format: "%.0f samples/s", rate))
    let samplesPerStep = Double(record.samplesConsumed)
    let remaining = rate > 0 ? Double(totalSteps - state.step) * samplesPerStep / rate : 0
    parts.append("ETA " + ProgressBar.formatDuration(remaining))
    parts += record.losses.map { String(format: "%@ %.4f", $0.name, $0.value) }
    return parts.joined(separator: "  ")
  }
}
