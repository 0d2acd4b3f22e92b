/// This process's rows of a batch that several processes share: rows offset ..< offset + count
/// of `globalCount`.
///
/// A data-parallel run is the same computation as one process on the whole batch when every
/// per-sample random draw (noise, dropout masks, a gradient penalty's interpolation points) is
/// made for the whole batch, identically on every process, and each keeps its rows: `draw` does
/// that.
public struct BatchShard: Sendable, Equatable, CustomStringConvertible {
  public var offset: Int
  public var count: Int
  public var globalCount: Int

  public init(offset: Int, count: Int, globalCount: Int) {
    precondition(offset >= 0 && count >= 0 && offset + count <= globalCount, "BatchShard: rows \(offset)..<\(offset + count) outside 0..<\(globalCount)")
    self.offset = offset
    self.count = count
    self.globalCount = globalCount
  }

  /// Process `rank`'s equal share of `globalCount` rows among `size` processes (the first
  /// `globalCount % size` processes take one row more).
  public init(rank: Int, of size: Int, globalCount: Int) {
    precondition(size >= 1 && (0..<size).contains(rank), "BatchShard: rank \(rank) outside 0..<\(size)")
    let start = globalCount * rank / size, end = globalCount * (rank + 1) / size
    self.init(offset: start, count: end - start, globalCount: globalCount)
  }

  /// The whole batch of `count` rows, for a process alone.
  public static func whole(_ count: Int) -> BatchShard { BatchShard(offset: 0, count: count, globalCount: count) }

  public var isWhole: Bool { offset == 0 && count == globalCount }

  /// The same shard of a batch of `globalCount` rows (the split scaled to another batch size).
  public func scaled(to globalCount: Int) -> BatchShard {
    guard !isWhole else { return .whole(globalCount) }
    let start = globalCount * offset / self.globalCount, end = globalCount * (offset + count) / self.globalCount
    return BatchShard(offset: start, count: end - start, globalCount: globalCount)
  }

  /// This shard's rows of `draw(globalCount)`: a per-sample random draw made for the whole batch.
  public func draw(_ draw: (Int) -> Tensor) -> Tensor {
    let all = draw(globalCount)
    return isWhole ? all : rows(of: all)
  }

  /// This shard's rows of a tensor of the whole batch (axis 0).
  public func rows(of tensor: Tensor) -> Tensor {
    precondition(tensor.shape.first == globalCount, "BatchShard: a tensor of shape \(tensor.shape) is not a batch of \(globalCount)")
    return isWhole ? tensor : tensor.sliced(alongAxis: 0, offset ..< offset + count)
  }

  public var description: String { "rows \(offset)..<\(offset + count) of \(globalCount)" }
}
