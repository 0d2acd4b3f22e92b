#if canImport(Glibc)
import Glibc
#endif

/// The sum of `x` over the processes of `group`, on every process (torch.distributed.nn's
/// all_reduce). Differentiable: each process's loss depends on every process's `x` through the
/// sum, so the gradient is the sum of the processes' gradients of the result.
public func allReducedSum(_ x: Tensor, group: any ProcessGroup) -> Tensor {
  guard group.size > 1 else { return x }
  let result = x.copied()
  do {
    switch x.dtype {
    case .float32:
      try group.allReduceSum(UnsafeMutableBufferPointer(start: result.storage.typed(Float.self), count: result.scalarCount))
    case .float64:
      try group.allReduceSum(UnsafeMutableBufferPointer(start: result.storage.typed(Double.self), count: result.scalarCount))
    }
  } catch {
    failCollective(error, group: group)
  }
  return Tensor.record(result, op: "allReducedSum", inputs: [x]) { g in [allReducedSum(g, group: group)] }
}

/// Batch normalization with the statistics of the whole batch that the processes of `group`
/// share, each holding its shard (synchronized batch norm): x̂ = (x − μ)/√(σ² + ε) with μ and σ²
/// (biased) over every process's samples, so a data-parallel run normalizes exactly as one
/// process on the whole batch would. Built from differentiable ops around `allReducedSum`
/// (two sums per channel forward, their gradients backward), so gradients of any order are
/// right. Axes as `batchNormalized`'s.
public func synchronizedBatchNormalized(
  _ x: Tensor, alongAxes axes: [Int], epsilon: Double, group: any ProcessGroup
) -> (output: Tensor, statistics: BatchStatistics) {
  let axes = x.normalized(axes: axes, op: "synchronizedBatchNormalized")
  let localCount = axes.reduce(1) { $0 * x.shape[$1] }
  let count: Double
  do {
    count = try group.sum([Double(localCount)])[0]
  } catch {
    failCollective(error, group: group)
  }
  let mean = allReducedSum(x.sum(alongAxes: axes, keepingDimensions: true), group: group) * (1 / count)
  let centered = x - mean
  let variance = allReducedSum(centered.squared().sum(alongAxes: axes, keepingDimensions: true), group: group) * (1 / count)
  let output = centered * (1 / sqrt(variance + epsilon))
  return (output, BatchStatistics(mean: mean.detached, variance: variance.detached, count: Int(count)))
}

/// A collective failed mid-computation: the other processes wait in theirs, so all end.
func failCollective(_ error: any Error, group: any ProcessGroup) -> Never {
  let message = "error: rank \(group.rank): \(error)\n"
  _ = message.withCString { write(2, $0, strlen($0)) }
  group.abort(code: 1)
}
