import Foundation
import ZooCore
import ZooEvaluation
import ZooRuns

/// How the runner talks: lines to standard output, unbuffered so progress shows in order when
/// the output goes to a log file too; notes to standard error. Quiet on every process of a
/// data-parallel run but rank 0.
enum Console {
  nonisolated(unsafe) static var isQuiet = false

  static func say(_ line: String) {
    guard !isQuiet else { return }
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
  }

  /// What loading or evaluating found worth telling (images resized, a classifier missing).
  static func note(_ note: String) {
    guard !isQuiet else { return }
    FileHandle.standardError.write(Data("note: \(note)\n".utf8))
  }

  /// A training classifier's progress: a line a tenth of an epoch, and one per finished epoch
  /// with the test accuracy.
  static func classifierProgress(_ progress: ReferenceClassifier.TrainingProgress) {
    var line = String(format: "epoch %d/%d  step %d/%d  loss %.4f  train accuracy %.2f%%  %.0f img/s  %@",
                      progress.epoch, progress.epochs, progress.step, progress.totalSteps, progress.loss,
                      100 * progress.trainingAccuracy, progress.imagesPerSecond, ProgressBar.formatDuration(progress.elapsedSeconds))
    if let test = progress.testAccuracy { line += String(format: "  test accuracy %.2f%%", 100 * test) }
    say(line)
  }

  /// 28×28.
  static func shapeText(_ shape: [Int]) -> String { shape.map(String.init).joined(separator: "×") }
}

extension Console {
  /// Runs a training command's body on the processes a launcher started (one, usually): only
  /// rank 0 talks; an error names its rank; at the end, what each process all-reduced.
  static func runOnLaunchedProcesses(_ body: () throws -> Void) throws {
    try LaunchedProcesses.run({
      isQuiet = (LaunchedProcesses.group?.rank ?? 0) != 0
      try body()
    }, report: { message in
      FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }, finished: { group in
      say(String(format: "data parallel: %d processes; each all-reduced %.1f MB in %d messages",
                 group.size, Double(group.allReducedBytes) / 1e6, group.allReduceCount))
    })
  }
}
