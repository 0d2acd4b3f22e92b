import TensorBackend

/// `body` applied to consecutive ranges of at most `size` indices of `0..<count`, the results
/// joined along the first axis: batched inference on many samples without holding every
/// activation at once.
func concatenatingChunks(of count: Int, size: Int, _ body: (Range<Int>) -> Tensor) -> Tensor {
  guard count > size else { return body(0..<count) }
  let parts = stride(from: 0, to: count, by: size).map { body($0..<min($0 + size, count)) }
  return Tensor.concatenate(parts, alongAxis: 0)
}
