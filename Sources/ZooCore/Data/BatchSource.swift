import TensorBackend

/// Where a trainer draws its minibatches from. The runner adapts each dataset to it; the core
/// knows nothing of files or formats.
public protocol BatchSource {
  /// What the samples look like.
  var description: DataDescription { get }
  /// The next minibatch of `size` samples. Any randomness (shuffling, procedural sampling) comes
  /// from `generator`, so a run is reproducible from its seed.
  mutating func nextBatch(size: Int, using generator: inout SplitMix64) throws -> Batch
  /// Puts the source where it stood after handing out `samplesSeen` samples, for a resumed run.
  /// Sources that shuffle per epoch derive each epoch's order from their own seed and the epoch
  /// index, so this is exact; procedural sources, drawing from `generator`, need nothing.
  mutating func resume(atSample samplesSeen: Int)
}

extension BatchSource {
  public mutating func resume(atSample samplesSeen: Int) {}
}
