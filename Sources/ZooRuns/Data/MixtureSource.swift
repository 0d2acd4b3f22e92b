import Datasets
import TensorBackend
import ZooCore

/// Points from a Gaussian mixture, drawn afresh for every batch (there are no epochs).
public struct MixtureSource: BatchSource {
  public let mixture: GaussianMixture

  public init(mixture: GaussianMixture) {
    self.mixture = mixture
  }

  public var description: DataDescription {
    DataDescription(kind: .points, sampleShape: [mixture.dimension])
  }

  public mutating func nextBatch(size: Int, using generator: inout SplitMix64) throws -> Batch {
    Batch(samples: mixture.sample(count: size, using: &generator))
  }
}
