/// What `zoo compare --x` puts on the horizontal axis: a loss log column.
public enum ComparisonAxis: String, CaseIterable, Sendable {
  /// Training iterations.
  case step
  /// Real samples consumed: runs of different batch sizes line up by how much data they saw.
  case samples
  /// Seconds spent in training steps: runs line up by what they cost.
  case seconds

  /// The loss log's column.
  public var column: String {
    switch self {
    case .step: return "step"
    case .samples: return "images_seen"
    case .seconds: return "seconds"
    }
  }

  /// The axis label, with its unit.
  public var label: String {
    switch self {
    case .step: return "training step"
    case .samples: return "samples seen"
    case .seconds: return "training time (s)"
    }
  }
}
