import NeuralNetworks
import TensorBackend
import Testing
import _TestSupport

/// Data-parallel training's pieces against one process on the whole batch: synchronized batch
/// norm, dropout masks drawn for the whole batch, and gradients averaged over the processes.
/// Threads play the processes (`ThreadProcessGroup`).
@Suite struct DataParallelTests {
  static func batch(_ shape: [Int], seed: UInt64) -> Tensor {
    var generator = SplitMix64(seed: seed)
    return Tensor.randomNormal(shape, using: &generator)
  }

  static func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { Swift.abs($0 - $1) }.max() ?? 0
  }

  @Test(arguments: [[8, 5], [6, 3, 4, 4]])
  func synchronizedBatchNormMatchesTheWholeBatch(shape: [Int]) throws {
    let x = Self.batch(shape, seed: 1), seed = Self.batch(shape, seed: 2)
    let axes = [0] + Array(2..<shape.count)
    let whole = x.requiringGradient()
    let (y, statistics) = batchNormalized(whole, alongAxes: axes, epsilon: 1e-5)
    let dx = (y * seed).sum().gradients(wrt: [whole])[0]
    let parts = try ThreadProcessGroup.run(size: 2) { group -> ([Double], [Double], [Double]) in
      let shard = BatchShard(rank: group.rank, of: group.size, globalCount: shape[0])
      let local = shard.rows(of: x).requiringGradient()
      let (out, stats) = synchronizedBatchNormalized(local, alongAxes: axes, epsilon: 1e-5, group: group)
      let grad = (out * shard.rows(of: seed)).sum().gradients(wrt: [local])[0]
      return (out.scalars, grad.scalars, stats.mean.scalars)
    }
    #expect(Self.maxDifference(parts[0].0 + parts[1].0, y.scalars) < 1e-5)
    #expect(Self.maxDifference(parts[0].1 + parts[1].1, dx.scalars) < 1e-5)
    #expect(Self.maxDifference(parts[0].2, statistics.mean.scalars) < 1e-6 && parts[0].2 == parts[1].2)
  }

  @Test func dropoutDrawsTheWholeBatchsMask() throws {
    let x = Self.batch([10, 7], seed: 3)
    let dropout = Dropout(probability: 0.4)
    var context = ForwardContext(training: true, generator: SplitMix64(seed: 4))
    let whole = dropout(x, context: &context).scalars
    let parts = try ThreadProcessGroup.run(size: 3) { group -> [Double] in
      let shard = BatchShard(rank: group.rank, of: group.size, globalCount: 10)
      var context = ForwardContext(training: true, generator: SplitMix64(seed: 4), shard: shard, processGroup: group)
      return dropout(shard.rows(of: x), context: &context).scalars
    }
    #expect(parts.flatMap { $0 } == whole)
  }

  @Test func averagedGradientsGiveEveryProcessTheSameStep() throws {
    // Loss: mean over the batch of (w·x)²; each process sees its shard, the average of the
    // shards' mean gradients is the whole batch's.
    let x = Self.batch([12, 3], seed: 5)
    func train(_ optimizerFor: (Adam) -> any Optimizer, rows: Tensor) -> [Float] {
      let w = Parameter(Tensor(shape: [3, 1], scalars: [0.5, -1, 2]))
      let optimizer = optimizerFor(Adam(parameters: [w], learningRate: 0.1))
      for _ in 0..<3 {
        optimizer.zeroGradients()
        matmul(rows, w.value).squared().mean().backward()
        optimizer.step()
      }
      return w.value.floats
    }
    let whole = train({ $0 }, rows: x)
    let parts = try ThreadProcessGroup.run(size: 2) { group -> [Float] in
      let shard = BatchShard(rank: group.rank, of: group.size, globalCount: 12)
      return train({ GradientAveraging($0, group: group) }, rows: shard.rows(of: x))
    }
    #expect(parts[0] == parts[1], "the processes took different steps")
    #expect(Self.maxDifference(parts[0].map(Double.init), whole.map(Double.init)) < 1e-5, "\(parts[0]) vs \(whole)")
  }

  @Test func shardsCoverTheBatch() {
    for (size, count) in [(1, 5), (2, 64), (3, 10), (4, 3)] {
      let shards = (0..<size).map { BatchShard(rank: $0, of: size, globalCount: count) }
      #expect(shards.map(\.count).reduce(0, +) == count)
      #expect(zip(shards, shards.dropFirst()).allSatisfy { $0.offset + $0.count == $1.offset })
    }
  }
}
