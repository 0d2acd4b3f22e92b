import Datasets
import TensorBackend
import ZooCore

/// Images held in memory, in seeded epochs; the order depends on the source's seed only, so
/// `resume(atSample:)` is exact and the training generator is not consumed.
public struct ImageDatasetSource: BatchSource {
  public var batches: ImageBatches

  public init(batches: ImageBatches) {
    self.batches = batches
  }

  public var description: DataDescription {
    let images = batches.images
    return DataDescription(kind: .images, sampleShape: images.sampleShape, classCount: images.classCount, valueRange: -1...1, epochSize: images.count)
  }

  public mutating func nextBatch(size: Int, using generator: inout SplitMix64) throws -> Batch {
    let (samples, labels) = batches.next(size: size)
    return Batch(samples: samples, labels: labels)
  }

  public mutating func resume(atSample samplesSeen: Int) {
    batches.resume(atSample: samplesSeen)
  }
}
