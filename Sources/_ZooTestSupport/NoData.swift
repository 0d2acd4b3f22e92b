import TensorBackend
import ZooCore

/// Zeros of one feature: data for trainers that ignore it.
public struct NoData: BatchSource {
  public init() {}
  public var description: DataDescription { DataDescription(kind: .points, sampleShape: [1]) }
  public mutating func nextBatch(size: Int, using generator: inout SplitMix64) throws -> Batch { Batch(samples: Tensor.zeros([size, 1])) }
}
