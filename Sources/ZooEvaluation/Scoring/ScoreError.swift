/// Why `zoo score` cannot score the sets it was given: each case names the file or option and the
/// problem, and says what would fix it.
public enum ScoreError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The file is neither a .npy array, an IDX file nor a folder of images.
  case unreadable(path: String, problem: String)
  /// The array's shape is not one of samples: (N, C, H, W), (N, H, W, C), (N, H, W) or (N, D).
  case unsupportedShape(path: String, shape: [Int])
  /// Values outside the declared scale.
  case outOfRange(path: String, count: Int, total: Int, minimum: Double, maximum: Double, range: SampleValueRange)
  /// Values that are NaN or ±∞.
  case nonFinite(path: String, count: Int, firstIndex: Int)
  /// Two sets of different sample shapes.
  case shapeMismatch(first: String, firstShape: [Int], second: String, secondShape: [Int])
  /// The features asked for need something that is missing.
  case featuresUnavailable(String)
  /// The dataset is not one `zoo score` knows.
  case unsupportedDataset(name: String, supported: [String])
  /// A set without samples.
  case empty(path: String)

  public var description: String {
    switch self {
    case .unreadable(let path, let problem):
      return "\(path): \(problem)"
    case .unsupportedShape(let path, let shape):
      return "\(path): an array of shape \(shape) is not a set of samples; expected (N, C, H, W) or (N, H, W, C) images with 1 or 3 channels, (N, H, W) gray images, or (N, D) feature vectors"
    case .outOfRange(let path, let count, let total, let minimum, let maximum, let range):
      let others = SampleValueRange.allCases.filter { $0 != range && $0.bounds.contains(minimum) && $0.bounds.contains(maximum) }
      let hint = others.isEmpty ? "" : "; if its scale is \(others.map { "[\($0.rawValue)]" }.joined(separator: " or ")), say so with --range \(others[0].rawValue)"
      return "\(path): \(count) of \(total) values lie outside [\(range.rawValue)] (minimum \(minimum), maximum \(maximum))\(hint)"
    case .nonFinite(let path, let count, let firstIndex):
      return "\(path): \(count) value\(count == 1 ? " is" : "s are") NaN or infinite, the first at flat index \(firstIndex)"
    case .shapeMismatch(let first, let firstShape, let second, let secondShape):
      return "\(first) holds samples of shape \(Self.text(firstShape)), \(second) of shape \(Self.text(secondShape)); both must have one shape"
    case .featuresUnavailable(let problem):
      return problem
    case .unsupportedDataset(let name, let supported):
      return "dataset \"\(name)\": zoo score knows \(supported.joined(separator: ", ")); without --dataset it scores the two arrays alone"
    case .empty(let path):
      return "\(path): holds no samples"
    }
  }

  static func text(_ shape: [Int]) -> String { shape.map(String.init).joined(separator: "×") }
}
