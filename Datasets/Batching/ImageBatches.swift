import TensorBackend

/// Minibatches from images held in memory, visited in seeded epochs (`EpochOrder`) and scaled to
/// [−1, 1]: the one batching path every finite image dataset goes through.
public struct ImageBatches: Sendable {
  public let images: ImageCollection
  public private(set) var order: EpochOrder

  /// Batches of `images`, shuffled per epoch from `seed` (or in stored order).
  public init(images: ImageCollection, seed: UInt64, shuffled: Bool = true) {
    self.images = images
    order = EpochOrder(count: images.count, seed: seed, shuffled: shuffled)
  }

  /// The next `size` images as (N, C, H, W) in [−1, 1], and their labels (N) when the data has
  /// classes.
  public mutating func next(size: Int) -> (samples: Tensor, labels: Tensor?) {
    images.batch(order.next(size))
  }

  /// Continues as if `samples` samples had been handed out already.
  public mutating func resume(atSample samples: Int) {
    order.seek(toSample: samples)
  }
}
