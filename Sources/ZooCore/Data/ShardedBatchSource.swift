import TensorBackend

/// One process's view of a data source in a data-parallel run: each batch is drawn whole, the
/// same on every process (same source, same seed, same random draws), and this process keeps
/// its rows (samples, condition and labels alike). The processes together see exactly the
/// batches one process would.
public struct ShardedBatchSource: BatchSource {
  public var base: any BatchSource
  /// This process's index and the number of processes.
  public let rank: Int
  public let size: Int

  public init(_ base: any BatchSource, rank: Int, of size: Int) {
    self.base = base
    self.rank = rank
    self.size = size
  }

  public var description: DataDescription { base.description }

  /// This process's rows of the next batch of `size` samples (the whole batch's size).
  public mutating func nextBatch(size count: Int, using generator: inout SplitMix64) throws -> Batch {
    let whole = try base.nextBatch(size: count, using: &generator)
    let shard = BatchShard(rank: rank, of: size, globalCount: whole.count)
    return Batch(samples: shard.rows(of: whole.samples), condition: whole.condition.map { shard.rows(of: $0) },
                 labels: whole.labels.map { shard.rows(of: $0) })
  }

  public mutating func resume(atSample samplesSeen: Int) { base.resume(atSample: samplesSeen) }
}
