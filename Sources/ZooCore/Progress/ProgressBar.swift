import Foundation

/// A progress bar for long work that is not a training run (computing metrics, searching
/// neighbours, extracting features): on a terminal one line redrawn in place,
/// `nearest neighbours [##########··············]  42%  0:05, ETA 0:07`; otherwise (a log
/// file, CI) a plain line at every tenth of the work. Written to standard error, as
/// `ProgressReporter` writes training progress, and only once the work has taken a second:
/// quick steps stay silent.
public final class ProgressBar {
  private let title: String
  private let isTerminal: Bool
  private let start = ThroughputClock.now()
  private var lastDraw = -Double.infinity
  private var lastTenth = -1
  private var isFinished = false

  /// The width of the bar, in characters.
  static let width = 24
  /// Seconds before anything is drawn.
  static let delay = 1.0

  /// A bar for the work `title` describes, drawn when there is progress to show.
  public init(title: String) {
    self.title = title
    isTerminal = isatty(STDERR_FILENO) == 1
  }

  /// Shows that `done` of `total` units are finished (at most ten redraws a second on a terminal).
  public func update(_ done: Int, of total: Int) {
    guard !isFinished else { return }
    let now = ThroughputClock.now()
    guard now - start >= Self.delay else {
      if done >= total { isFinished = true }
      return
    }
    let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
    let tenth = Int(fraction * 10)
    let due = isTerminal ? now - lastDraw >= 0.1 || done >= total : tenth > lastTenth
    guard due else { return }
    lastDraw = now
    lastTenth = tenth
    let line = Self.line(title: title, fraction: fraction, elapsed: now - start, barWidth: isTerminal ? Self.width : 0)
    write(isTerminal ? "\r\u{1B}[2K" + line : line + "\n")
    if done >= total { finish() }
  }

  /// Ends the bar's line (once).
  public func finish() {
    guard !isFinished else { return }
    isFinished = true
    if isTerminal && lastTenth >= 0 { write("\n") }
  }

  /// `title [####····]  42%  0:05, ETA 0:07`, without the bar when `barWidth` is 0.
  static func line(title: String, fraction: Double, elapsed: Double, barWidth: Int) -> String {
    var parts = [title]
    if barWidth > 0 {
      let filled = Int((fraction * Double(barWidth)).rounded(.down))
      parts.append("[" + String(repeating: "#", count: filled) + String(repeating: "·", count: barWidth - filled) + "]")
    }
    parts.append(String(format: "%3.0f%%", fraction * 100))
    let remaining = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
    parts.append(formatDuration(elapsed) + (fraction < 1 ? ", ETA " + formatDuration(remaining) : ""))
    return parts.joined(separator: "  ")
  }

  /// h:mm:ss or m:ss.
  public static func formatDuration(_ seconds: Double) -> String {
    let total = Int(seconds.rounded())
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
    return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
  }

  private func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
