/// What `zoo compare --group-by` groups runs by: runs of one group share a colour.
public enum ComparisonKey: String, CaseIterable, Sendable {
  case objective
  case variant
  case dataset

  /// `run`'s value of the key; "none" for the objective of a variant without one.
  public func value(of run: RunView) -> String {
    switch self {
    case .objective: return run.configuration.objective ?? "none"
    case .variant: return run.configuration.variant
    case .dataset: return run.configuration.dataset
    }
  }
}
