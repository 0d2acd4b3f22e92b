#if canImport(Glibc)
import Glibc
#endif
import _CKernels

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
  if x.dtype == .float32, Kernels.fast, x.rank >= 2, axes == [0] + Array(2..<x.rank) {
    return fusedSynchronizedBatchNormalized(x, epsilon: epsilon, group: group)
  }
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

/// Synchronized batch norm of (N, C, …) float32 on the C loops, as `batchNormalized`'s fused
/// kernels compute it alone: forward, per-channel sums of x, then of (x − μ)², each summed over
/// the processes (in double, with the count); backward, the sums of ḡ and ḡ·x̂ likewise, then
/// x̄ = (ḡ − mean ḡ − x̂·mean(ḡ·x̂))/√(σ² + ε). Two collectives of 2C + 1 numbers forward, one of
/// 2C backward. When the backward pass is recorded, the same gradient from differentiable ops.
private func fusedSynchronizedBatchNormalized(_ x: Tensor, epsilon: Double, group: any ProcessGroup) -> (output: Tensor, statistics: BatchStatistics) {
  let n = x.shape[0], c = x.shape[1], inner = x.shape[2...].reduce(1, *)
  var statisticsShape = [Int](repeating: 1, count: x.rank)
  statisticsShape[1] = c
  let xp = x.storage.typed(Float.self)
  func channelSums(_ g: UnsafePointer<Float>, _ y: UnsafePointer<Float>?) -> ([Float], [Float]) {
    var sumG = [Float](repeating: 0, count: c), sumGY = [Float](repeating: 0, count: c)
    sumG.withUnsafeMutableBufferPointer { a in
      sumGY.withUnsafeMutableBufferPointer { b in
        let ap = a.baseAddress!, bp = y == nil ? nil : b.baseAddress!
        Parallel.forEachRange(c, work: 2 * n * c * inner) { _, channels in
          ck_channel_sums(g, y, ap, bp, n, c, inner, channels.lowerBound, channels.upperBound)
        }
      }
    }
    return (sumG, sumGY)
  }
  func summed(_ values: [Double]) -> [Double] {
    do { return try group.sum(values) } catch { failCollective(error, group: group) }
  }
  let (localSums, _) = channelSums(xp, nil)
  let first = summed(localSums.map(Double.init) + [Double(n * inner)])
  let count = first[c]
  let mean = first.prefix(c).map { Float($0 / count) }
  let centered = Tensor(uninitializedShape: x.shape, dtype: .float32)
  let cp = centered.storage.typed(Float.self)
  let negatedMean = mean.map { -$0 }
  negatedMean.withUnsafeBufferPointer { shift in
    Parallel.forEachRange(n, work: 2 * x.scalarCount) { _, rows in
      ck_channel_affine(xp + rows.lowerBound * c * inner, nil, shift.baseAddress, cp + rows.lowerBound * c * inner, rows.count, c, inner, 1)
    }
  }
  let (_, squares) = channelSums(cp, cp)
  let variance = summed(squares.map(Double.init)).map { Float($0 / count) }
  let invstd = variance.map { 1 / ($0 + Float(epsilon)).squareRoot() }
  let output = Tensor(uninitializedShape: x.shape, dtype: .float32)
  let op = output.storage.typed(Float.self)
  invstd.withUnsafeBufferPointer { scale in
    Parallel.forEachRange(n, work: 2 * x.scalarCount) { _, rows in
      ck_channel_affine(cp + rows.lowerBound * c * inner, scale.baseAddress, nil, op + rows.lowerBound * c * inner, rows.count, c, inner, 1)
    }
  }
  let recorded = Tensor.record(output, op: "synchronizedBatchNorm", inputs: [x]) { g in
    if GradientMode.isRecording {
      // x̂ and 1/√(σ² + ε) recomputed from x with their graph, for second derivatives.
      let axes = [0] + Array(2..<x.rank)
      let centered = x - allReducedSum(x.sum(alongAxes: axes, keepingDimensions: true), group: group) * (1 / count)
      let inverse = 1 / sqrt(allReducedSum(centered.squared().sum(alongAxes: axes, keepingDimensions: true), group: group) * (1 / count) + epsilon)
      let xHat = centered * inverse
      let meanG = allReducedSum(g.sum(alongAxes: axes, keepingDimensions: true), group: group) * (1 / count)
      let meanGX = allReducedSum((g * xHat).sum(alongAxes: axes, keepingDimensions: true), group: group) * (1 / count)
      return [(g - meanG - xHat * meanGX) * inverse]
    }
    let gp = g.storage.typed(Float.self)
    let (sumG, sumGX) = channelSums(gp, op)
    let totals = summed(sumG.map(Double.init) + sumGX.map(Double.init))
    let meanG = totals.prefix(c).map { Float($0 / count) }, meanGX = totals.suffix(c).map { Float($0 / count) }
    let dx = Tensor(uninitializedShape: x.shape, dtype: .float32)
    let dp = dx.storage.typed(Float.self)
    invstd.withUnsafeBufferPointer { s in
      meanG.withUnsafeBufferPointer { mg in
        meanGX.withUnsafeBufferPointer { mgx in
          Parallel.forEachRange(c, work: 3 * x.scalarCount) { _, channels in
            ck_batch_norm_apply_gradient(gp, op, dp, n, c, inner, channels.lowerBound, channels.upperBound, s.baseAddress, mg.baseAddress, mgx.baseAddress)
          }
        }
      }
    }
    return [dx]
  }
  return (recorded, BatchStatistics(mean: Tensor(shape: statisticsShape, scalars: mean), variance: Tensor(shape: statisticsShape, scalars: variance), count: Int(count)))
}

/// A collective failed mid-computation: the other processes wait in theirs, so all end.
func failCollective(_ error: any Error, group: any ProcessGroup) -> Never {
  let message = "error: rank \(group.rank): \(error)\n"
  _ = message.withCString { write(2, $0, strlen($0)) }
  group.abort(code: 1)
}
