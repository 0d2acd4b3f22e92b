/// How `Run.train` ended.
public enum TrainingOutcome {
  /// Every step trained, then evaluated (by the process that writes the run's files; nil on the
  /// other processes of a data-parallel run).
  case finished(EvaluationResult?)
  /// The run had trained all its steps before.
  case alreadyFinished
  /// Stopped when asked, after `step`, with a checkpoint written there.
  case interrupted(step: Int)
}
