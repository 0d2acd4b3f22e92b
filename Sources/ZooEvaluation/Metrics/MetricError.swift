/// Why a sample metric cannot be computed on the features it was given. Every case names the set
/// ("real", "fake", "training", …) and the numbers involved, so the message says what to fix.
public enum MetricError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The features are not an (N, D) matrix.
  case notAMatrix(set: String, shape: [Int])
  /// Two sets of features have different dimensions D.
  case dimensionMismatch(first: String, firstDimension: Int, second: String, secondDimension: Int)
  /// A set holds fewer samples than the metric needs: `needed`, and why.
  case tooFewSamples(metric: String, set: String, count: Int, needed: Int, reason: String)
  /// A set holds NaN or ±∞: how many, and the first one's row and column.
  case nonFinite(set: String, count: Int, row: Int, column: Int, value: Double)
  /// A parameter of the metric is out of its range.
  case invalidParameter(metric: String, problem: String)
  /// A LAPACK routine reported failure (`info` ≠ 0).
  case linearAlgebraFailure(routine: String, info: Int32)
  /// A cell of a partition holds no sample of a set that every cell needs.
  case emptyCell(metric: String, cell: Int, set: String, hint: String)

  public var description: String {
    switch self {
    case .notAMatrix(let set, let shape):
      return "\(set) features: expected an (N, D) matrix, got shape \(shape)"
    case .dimensionMismatch(let first, let firstDimension, let second, let secondDimension):
      return "\(first) features have dimension \(firstDimension), \(second) features \(secondDimension); both sets must be measured in the same space"
    case .tooFewSamples(let metric, let set, let count, let needed, let reason):
      return "\(metric): the \(set) set has \(count) sample\(count == 1 ? "" : "s"), at least \(needed) are needed (\(reason))"
    case .nonFinite(let set, let count, let row, let column, let value):
      return "\(set) features hold \(count) value\(count == 1 ? "" : "s") that \(count == 1 ? "is" : "are") not finite, the first \(value) at sample \(row), coordinate \(column)"
    case .invalidParameter(let metric, let problem):
      return "\(metric): \(problem)"
    case .linearAlgebraFailure(let routine, let info):
      return "LAPACK \(routine) failed (info \(info))\(info > 0 ? ": the eigensolver did not converge" : "")"
    case .emptyCell(let metric, let cell, let set, let hint):
      return "\(metric): cell \(cell) of the partition holds no \(set) sample; \(hint)"
    }
  }
}
