import Testing
import TensorBackend

@Test func smokeGradients() {
  var rng = SplitMix64(seed: 1)
  let a = Tensor.randomNormal([3, 4], dtype: .float64, using: &rng)
  let b = Tensor.randomNormal([4], dtype: .float64, using: &rng)
  let report = checkGradients(of: { t in tanh(matmul(t[0], t[0], transposeB: true)).sum() + (t[0] * t[1]).squared().mean() }, at: [a, b])
  print(report)
  #expect(report.maxRelativeError < 1e-6)
}
