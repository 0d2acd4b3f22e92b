import Datasets
import TensorBackend
import ZooCore

/// Procedural shapes drawn afresh for every batch from the training generator; the factors of
/// the last batch stay available for analysis.
public struct ShapesSource: BatchSource {
  public let shapes: Shapes
  public private(set) var lastFactors: [Shapes.Factors] = []

  public init(shapes: Shapes) {
    self.shapes = shapes
  }

  public var description: DataDescription {
    DataDescription(kind: .images, sampleShape: shapes.sampleShape, classCount: Shapes.classCount, valueRange: -1...1)
  }

  public mutating func nextBatch(size: Int, using generator: inout SplitMix64) throws -> Batch {
    let sample = shapes.sample(count: size, using: &generator)
    lastFactors = sample.factors
    return Batch(samples: sample.images, labels: sample.labels)
  }
}
