import ZooCore
import ZooEvaluation

/// One progress bar per stage of slow work (features, neighbour searches, walks), each ended
/// when the next stage begins.
final class StageProgressBars {
  private var bar: ProgressBar?
  private var stage = ""

  /// Shows `progress`, starting a new bar when its stage changes.
  func update(_ progress: SampleScoring.Progress) {
    if progress.stage != stage {
      bar?.finish()
      bar = ProgressBar(title: progress.stage)
      stage = progress.stage
    }
    bar?.update(progress.done, of: progress.total)
  }

  /// Ends the current bar.
  func finish() {
    bar?.finish()
  }
}
