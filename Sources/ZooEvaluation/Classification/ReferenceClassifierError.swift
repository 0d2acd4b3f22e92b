/// Why a reference classifier cannot be built, trained, loaded or saved. Every case names what
/// to look at: the file, the shape, the step.
public enum ReferenceClassifierError: Error, CustomStringConvertible, Equatable, Sendable {
  /// No cached classifier at `file`; `hint` says how to make one.
  case missing(file: String, hint: String)
  /// The file exists but is not a readable reference classifier.
  case corrupt(file: String, problem: String)
  /// The file is a readable classifier, but of other data than asked for.
  case mismatch(file: String, problem: String)
  /// The architecture cannot take images of this (C, H, W).
  case unsupportedShape([Int], reason: String)
  /// The data cannot train a classifier: no labels, fewer than two classes, fewer images than
  /// a batch, or test images unlike the training images.
  case unusableData(String)
  /// A training option is out of range.
  case invalidOptions(String)
  /// Training produced a non-finite loss.
  case diverged(step: Int, loss: Double)
  /// Writing the cache failed.
  case cannotWrite(file: String, problem: String)

  public var description: String {
    switch self {
    case .missing(let file, let hint): return "\(file): no reference classifier here; \(hint)"
    case .corrupt(let file, let problem): return "\(file): not a readable reference classifier: \(problem)"
    case .mismatch(let file, let problem): return "\(file): the reference classifier does not fit: \(problem)"
    case .unsupportedShape(let shape, let reason):
      return "reference classifier: images of shape (\(shape.map(String.init).joined(separator: ", "))) are not supported: \(reason)"
    case .unusableData(let problem), .invalidOptions(let problem): return "reference classifier: \(problem)"
    case .diverged(let step, let loss): return "reference classifier: training diverged at step \(step) (cross-entropy \(loss))"
    case .cannotWrite(let file, let problem): return "\(file): cannot write the reference classifier: \(problem)"
    }
  }
}
