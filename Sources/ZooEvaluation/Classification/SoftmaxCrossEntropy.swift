import TensorBackend

/// The mean cross-entropy between softmax(logits) and class labels (PyTorch's
/// `F.cross_entropy`): −(1/N) Σₙ log softmax(zₙ)[yₙ] for logits z (N, K) and labels yₙ in 0..<K.
///
/// Built from differentiable ops: log softmax(z) = (z − m) − log Σₖ e^(zₖ − m) with m the row
/// maximum, held constant. Subtracting m keeps every exponent ≤ 0, so nothing overflows, and
/// the sum is at least 1, so its logarithm is finite; the result does not depend on m, which is
/// why m needs no gradient.
func softmaxCrossEntropy(logits: Tensor, labels: [Int]) -> Tensor {
  precondition(logits.rank == 2 && logits.shape[0] == labels.count, "softmaxCrossEntropy: logits \(logits.shape) for \(labels.count) labels")
  let n = labels.count, k = logits.shape[1]
  var oneHot = [Double](repeating: 0, count: n * k)
  for (row, label) in labels.enumerated() {
    precondition(label >= 0 && label < k, "softmaxCrossEntropy: label \(label) outside 0..<\(k)")
    oneHot[row * k + label] = 1
  }
  let targets = Tensor(shape: [n, k], scalars: oneHot, dtype: logits.dtype)
  let shifted = logits - logits.detached.max(alongAxes: [1], keepingDimensions: true)
  let logNormalizer = log(exp(shifted).sum(alongAxes: [1], keepingDimensions: true))
  let logProbabilities = shifted - logNormalizer
  return (logProbabilities * targets).sum() * (-1 / Double(max(n, 1)))
}
