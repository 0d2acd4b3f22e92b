import TensorBackend

/// A lookup table of learned vectors, one per class (PyTorch's `nn.Embedding`): label k -> row k
/// of the table E (K, D).
///
/// Labels go in either as `[Int]` (`callAsFunction(labels:)`) or, to be usable as a `Layer`, as a
/// tensor of shape (N) or (N, 1) holding the class indices as exact integer values 0..<K (the
/// form a batch's condition tensor takes). Either way the result is (N, D). The gradient of a row
/// is the sum of the gradients of the outputs that looked it up.
///
/// Parameter "weight" (K, D), initialised from N(0, 1) as in PyTorch.
public final class Embedding: Layer {
  public let weight: Parameter

  /// - Parameters:
  ///   - classCount: K, the number of labels.
  ///   - dimension: D, the length of each vector.
  public init(
    classCount: Int, dimension: Int, dtype: DType = .float32,
    initializer: Initializer = .normal(mean: 0, standardDeviation: 1),
    using generator: inout some RandomNumberGenerator
  ) {
    precondition(classCount > 0 && dimension > 0, "Embedding: classCount and dimension must be positive, got \(classCount), \(dimension)")
    weight = Parameter(initializer.tensor([classCount, dimension], dtype: dtype, using: &generator))
  }

  public var classCount: Int { weight.shape[0] }
  public var dimension: Int { weight.shape[1] }

  public var ownParameters: [(name: String, parameter: Parameter)] { [("weight", weight)] }

  /// labels (N) of values in 0..<K -> (N, D).
  public func callAsFunction(labels: [Int]) -> Tensor {
    for label in labels {
      precondition(label >= 0 && label < classCount, "Embedding: label \(label) outside 0..<\(classCount)")
    }
    return weight.value.gathered(rows: labels)
  }

  /// labels (N) of values in 0..<K -> (N, D, H, W): each label's vector as D constant maps of
  /// height H and width W, the form in which a convolutional network takes a class beside an
  /// image's channels. A row's gradient is the sum over every position of the maps that used it.
  public func maps(labels: [Int], height: Int, width: Int) -> Tensor {
    precondition(height > 0 && width > 0, "Embedding: maps must have a positive size, got \(height)×\(width)")
    return self(labels: labels).reshaped(to: [labels.count, dimension, 1, 1])
      .broadcast(to: [labels.count, dimension, height, width])
  }

  /// labels (N) or (N, 1), integral values in 0..<K -> (N, D). Labels carry no gradient.
  public func callAsFunction(_ input: Tensor, context: inout ForwardContext) -> Tensor {
    self(labels: Embedding.labels(from: input))
  }

  /// The class indices held by a label tensor of shape (N) or (N, 1).
  public static func labels(from tensor: Tensor) -> [Int] {
    precondition(tensor.rank == 1 || (tensor.rank == 2 && tensor.shape[1] == 1), "Embedding: labels must have shape (N) or (N, 1), got \(tensor.shape)")
    return tensor.scalars.map { value in
      precondition(value == value.rounded(), "Embedding: label \(value) is not an integer")
      return Int(value)
    }
  }
}
