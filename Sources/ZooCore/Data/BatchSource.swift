import TensorBackend

/// Where a trainer draws its minibatches from. The runner adapts each dataset to it; the core
/// knows nothing of files or formats.
public protocol BatchSource {
  /// What the samples look like.
  var description: DataDescription { get }
  /// The next minibatch of `size` samples. Any randomness (shuffling, procedural sampling) comes
  /// from `generator`, so a run is reproducible from its seed.
  mutating func nextBatch(size: Int, using generator: inout SplitMix64) throws -> Batch
}
