import TensorBackend
import ZooCore

/// Uniform random samples of a described shape (with random labels when the description has
/// classes): data for protocol checks, where what the samples show does not matter.
public struct RandomBatchSource: BatchSource {
  public let description: DataDescription

  public init(_ description: DataDescription) {
    self.description = description
  }

  public mutating func nextBatch(size: Int, using generator: inout SplitMix64) throws -> Batch {
    let range = description.valueRange ?? -1...1
    let samples = Tensor.randomUniform([size] + description.sampleShape, low: range.lowerBound, high: range.upperBound, using: &generator)
    let labels = description.classCount.map { k in
      Tensor(shape: [size], scalars: (0..<size).map { _ in Double(generator.next() % UInt64(k)) })
    }
    return Batch(samples: samples, labels: labels)
  }
}
