import Testing
import TensorBackend

@Suite struct LossTests {
  @Test func binaryCrossEntropyMatchesClosedForm() {
    let logits = Tensor(shape: [4], scalars: [-2, -0.1, 0.3, 3] as [Double], dtype: .float64)
    let targets = Tensor(shape: [4], scalars: [0, 1, 1, 0] as [Double], dtype: .float64)
    let expected = zip(logits.scalars, targets.scalars).map { x, t -> Double in
      let p = 1 / (1 + scalarExp(-x))
      return -(t * scalarLog(p) + (1 - t) * scalarLog(1 - p))
    }
    expectClose([binaryCrossEntropy(logits: logits, targets: targets).scalar], [expected.reduce(0, +) / 4], tolerance: 1e-14, "BCE logits")
    expectClose([binaryCrossEntropy(logits: logits, targets: targets, reduction: .sum).scalar], [expected.reduce(0, +)], tolerance: 1e-13, "BCE sum")
    let p = sigmoid(logits)
    expectClose([binaryCrossEntropy(probabilities: p, targets: targets).scalar], [expected.reduce(0, +) / 4], tolerance: 1e-12, "BCE probabilities")
  }

  @Test func binaryCrossEntropyIsStableForLargeLogits() {
    let logits = Tensor(shape: [4], scalars: [-100, -40, 40, 100] as [Double]).requiringGradient()
    let targets = Tensor(shape: [4], scalars: [1, 1, 0, 0] as [Double])
    let loss = binaryCrossEntropy(logits: logits, targets: targets, reduction: .sum)
    #expect(Swift.abs(loss.scalar - 280) < 1e-3, "\(loss.scalar)")
    let g = loss.gradients(wrt: [logits])[0].scalars
    #expect(g.allSatisfy { $0.isFinite } && Swift.abs(g[0] + 1) < 1e-6 && Swift.abs(g[3] - 1) < 1e-6, "\(g)")
    let saturated = binaryCrossEntropy(probabilities: Tensor(shape: [2], scalars: [0, 1] as [Double]), targets: Tensor(shape: [2], scalars: [1, 0] as [Double]))
    #expect(saturated.scalar == 100)
  }

  @Test func gradients() {
    let t = randomInputs([[3, 2], [3, 2]], seed: 51)
    let targets = Tensor(shape: [3, 2], scalars: [0, 1, 1, 0, 0.3, 1], dtype: .float64)
    expectGradients("BCE logits", at: [t[0]]) { binaryCrossEntropy(logits: $0[0], targets: targets) }
    expectGradients("BCE probabilities", at: [sigmoid(t[0])]) { binaryCrossEntropy(probabilities: $0[0], targets: targets) }
    expectGradients("MSE", at: t) { meanSquaredError(predictions: $0[0], targets: $0[1]) }
    expectGradients("Gaussian KL", at: t) { gaussianKLDivergence(mean: $0[0], logVariance: $0[1], reduction: .mean) }
  }

  @Test func gaussianKLClosedForm() {
    // KL(N(1, e) || N(0, 1)) = ½(σ² + μ² − 1 − log σ²) = ½(e + 1 − 1 − 1) per element.
    let mu = Tensor(repeating: 1, shape: [2, 3], dtype: .float64)
    let logVar = Tensor(repeating: 1, shape: [2, 3], dtype: .float64)
    let e = scalarExp(1)
    expectClose([gaussianKLDivergence(mean: mu, logVariance: logVar).scalar], [6 * 0.5 * (e - 1)], tolerance: 1e-12, "KL sum")
    expectClose([gaussianKLDivergence(mean: mu, logVariance: logVar, reduction: .mean).scalar], [3 * 0.5 * (e - 1)], tolerance: 1e-12, "KL per example")
    #expect(gaussianKLDivergence(mean: Tensor.zeros([4, 2]), logVariance: Tensor.zeros([4, 2])).scalar == 0)
  }
}
