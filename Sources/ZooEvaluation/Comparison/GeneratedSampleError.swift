/// Why a generator's samples cannot be compared with the data: each case names what is wrong
/// with them, so a diverged or mismatched generator stops the evaluation with a message instead
/// of writing figures of garbage.
public enum GeneratedSampleError: Error, CustomStringConvertible, Equatable, Sendable {
  /// Values that are NaN or ±∞ (a diverged generator).
  case nonFinite(count: Int, total: Int, firstIndex: Int)
  /// Values outside [−1, 1], the scale of images (a generator without a tanh output).
  case outOfRange(count: Int, total: Int, minimum: Double, maximum: Double)
  /// Samples of another shape than the data's images (other channels or size).
  case shapeMismatch(sampleShape: [Int], data: String, dataShape: [Int])

  public var description: String {
    switch self {
    case .nonFinite(let count, let total, let firstIndex):
      return "the generator's samples hold \(count) of \(total) values that are NaN or infinite (the first at flat index \(firstIndex)); the weights have diverged, nothing can be measured"
    case .outOfRange(let count, let total, let minimum, let maximum):
      return "the generator's samples hold \(count) of \(total) values outside [-1, 1], the scale of images (minimum \(minimum), maximum \(maximum)); a generator of images must end in tanh"
    case .shapeMismatch(let sampleShape, let data, let dataShape):
      return "the generator draws samples of shape \(ScoreError.text(sampleShape)), \(data) holds images of \(ScoreError.text(dataShape)); they differ in channels or size and cannot be compared"
    }
  }
}
