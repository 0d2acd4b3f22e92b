/// Why training stopped early.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
  /// A loss became NaN or infinite; the last good checkpoint is kept.
  case nonFiniteLoss(step: Int, term: String, value: Double)
  /// The data source could not give a batch.
  case data(String)
  /// The user asked training to stop (SIGINT) after this step.
  case interrupted(step: Int)

  public var description: String {
    switch self {
    case .nonFiniteLoss(let step, let term, let value):
      return "training diverged at step \(step): the \(term) loss is \(value); the last good checkpoint is kept"
    case .data(let message):
      return message
    case .interrupted(let step):
      return "training interrupted after step \(step)"
    }
  }
}
