/// How `Run.train` ended.
public enum TrainingOutcome {
  /// Every step trained, then evaluated.
  case finished(EvaluationResult)
  /// The run had trained all its steps before.
  case alreadyFinished
  /// Stopped when asked, after `step`, with a checkpoint written there.
  case interrupted(step: Int)
}
