import Datasets
import TensorBackend

/// A set of samples to score, made anywhere: images as pixels in [0, 1], or feature vectors taken
/// as they are.
public struct SampleSet {
  /// Where the samples come from (a path, or "mnist test split"), for messages and the report.
  public let source: String
  /// (C, H, W) for images, (D) for vectors.
  public let sampleShape: [Int]
  /// (N, C·H·W) pixels in [0, 1] for images, (N, D) for vectors; float32.
  public let values: Tensor

  /// Images (N, C·H·W in [0, 1]) or vectors (N, D).
  public init(source: String, sampleShape: [Int], values: Tensor) {
    precondition(values.rank == 2 && values.shape[1] == sampleShape.reduce(1, *), "SampleSet: values \(values.shape) do not hold samples of \(sampleShape)")
    self.source = source
    self.sampleShape = sampleShape
    self.values = values
  }

  /// The images of `collection`, bytes v becoming v / 255.
  public init(_ collection: ImageCollection, source: String) {
    let pixels = collection.pixels.map { Float($0) / 255 }
    self.init(source: source, sampleShape: collection.sampleShape, values: Tensor(shape: [collection.count, collection.sampleSize], scalars: pixels))
  }

  /// N.
  public var count: Int { values.shape[0] }
  /// Whether the samples are images (C, H, W) rather than vectors.
  public var isImages: Bool { sampleShape.count == 3 }

  /// The samples at `indices`.
  public func subset(_ indices: [Int], source: String? = nil) -> SampleSet {
    SampleSet(source: source ?? self.source, sampleShape: sampleShape, values: values.gathered(rows: indices))
  }

  /// The first `count` samples (all when there are fewer).
  public func prefix(_ count: Int) -> SampleSet {
    count >= self.count ? self : subset(Array(0..<count))
  }

  /// Images as the reference classifier takes them: (N, C, H, W) in [−1, 1].
  func classifierInput(_ rows: Range<Int>) -> Tensor {
    let slice = rows.count == count ? values : values.sliced(alongAxis: 0, rows)
    return (slice * 2 - 1).reshaped(to: [rows.count] + sampleShape)
  }
}
