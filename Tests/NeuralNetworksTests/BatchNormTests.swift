import NeuralNetworks
import TensorBackend
import Testing

@Suite struct BatchNormTests {
  /// Per-channel mean and biased variance of (N, C) rows, computed with plain arithmetic.
  private func columnStatistics(_ rows: [[Double]]) -> (mean: [Double], variance: [Double]) {
    let n = Double(rows.count)
    let mean = (0..<rows[0].count).map { c in rows.reduce(0) { $0 + $1[c] } / n }
    let variance = (0..<rows[0].count).map { c in rows.reduce(0) { $0 + ($1[c] - mean[c]) * ($1[c] - mean[c]) } / n }
    return (mean, variance)
  }

  @Test func runningStatisticsFollowPyTorch() {
    // Two training batches of (N = 4, C = 2), momentum 0.1, starting from mean 0 and variance 1:
    // r ← 0.9·r + 0.1·s, with the unbiased variance σ²·4/3 fed to the running variance.
    let batches: [[[Double]]] = [
      [[1, 2], [3, -2], [5, 0], [-1, 6]],
      [[0, 1], [2, 1], [2, 3], [4, -1]],
    ]
    let layer = BatchNorm(featureCount: 2, epsilon: 1e-5, dtype: .float64)
    var expectedMean = [0.0, 0.0], expectedVariance = [1.0, 1.0]
    var context = trainingContext()
    for batch in batches {
      let x = Tensor(shape: [4, 2], scalars: batch.flatMap { $0 }, dtype: .float64)
      let y = layer(x, context: &context)
      let (mean, variance) = columnStatistics(batch)
      for c in 0..<2 {
        expectedMean[c] = 0.9 * expectedMean[c] + 0.1 * mean[c]
        expectedVariance[c] = 0.9 * expectedVariance[c] + 0.1 * variance[c] * 4 / 3
        // Training output uses the batch's own statistics (γ = 1, β = 0).
        for (r, row) in batch.enumerated() {
          let expected = (row[c] - mean[c]) / (variance[c] + 1e-5).squareRoot()
          #expect(abs(y.scalars[r * 2 + c] - expected) <= 1e-12)
        }
      }
    }
    // By hand: batch 1 has means (2, 1.5) and unbiased variances (20/3, 35/3); batch 2 has means
    // (2, 1) and unbiased variances (8/3, 8/3).
    //   mean: 0.9·(0.2, 0.15) + 0.1·(2, 1) = (0.38, 0.235)
    //   var:  0.9·(0.9 + 2/3, 0.9 + 35/30) + 0.1·(8/3, 8/3) = (1.676667, 2.126667)
    for c in 0..<2 {
      #expect(abs(layer.runningMean.value.scalars[c] - expectedMean[c]) <= 1e-12)
      #expect(abs(layer.runningVariance.value.scalars[c] - expectedVariance[c]) <= 1e-12)
    }
    #expect(abs(layer.runningMean.value.scalars[0] - 0.38) <= 1e-12)
    #expect(abs(layer.runningMean.value.scalars[1] - 0.235) <= 1e-12)
    #expect(abs(layer.runningVariance.value.scalars[0] - (0.9 * (0.9 + 2.0 / 3) + 0.8 / 3)) <= 1e-12)
    #expect(abs(layer.runningVariance.value.scalars[1] - (0.9 * (0.9 + 35.0 / 30) + 0.8 / 3)) <= 1e-12)

    // Inference normalizes with the running statistics and applies γ, β; it leaves them alone.
    layer.scale!.assign(Tensor(shape: [2], scalars: [2, 0.5], dtype: .float64))
    layer.offset!.assign(Tensor(shape: [2], scalars: [1, -1], dtype: .float64))
    let probe: [[Double]] = [[1, 1], [-2, 0.5]]
    let y = layer.inferring(from: Tensor(shape: [2, 2], scalars: probe.flatMap { $0 }, dtype: .float64))
    let gamma = [2.0, 0.5], beta = [1.0, -1.0]
    for (r, row) in probe.enumerated() {
      for c in 0..<2 {
        let expected = gamma[c] * (row[c] - expectedMean[c]) / (expectedVariance[c] + 1e-5).squareRoot() + beta[c]
        #expect(abs(y.scalars[r * 2 + c] - expected) <= 1e-12, "row \(r) channel \(c)")
      }
    }
    #expect(abs(layer.runningMean.value.scalars[0] - 0.38) <= 1e-12)
  }

  @Test func nchwStatisticsAreTakenOverBatchAndSpace() {
    // (N = 2, C = 2, H = 1, W = 2): channel 0 holds 1, 2, 5, 6; channel 1 holds 0, 0, 4, 4.
    let x = Tensor(shape: [2, 2, 1, 2], scalars: [1, 2, 0, 0, 5, 6, 4, 4], dtype: .float64)
    let layer = BatchNorm(featureCount: 2, momentum: 0.5, dtype: .float64)
    var context = trainingContext()
    let y = layer(x, context: &context)
    // Channel 0: mean 3.5, biased variance 4.25, unbiased 17/3. Channel 1: mean 2, 4 and 16/3.
    #expect(layer.runningMean.value.scalars == [1.75, 1])
    #expect(abs(layer.runningVariance.value.scalars[0] - (0.5 + 0.5 * 17 / 3)) <= 1e-12)
    #expect(abs(layer.runningVariance.value.scalars[1] - (0.5 + 0.5 * 16 / 3)) <= 1e-12)
    #expect(abs(y.scalars[0] - (1 - 3.5) / (4.25 + 1e-5).squareRoot()) <= 1e-12)
    #expect(abs(y.scalars[2] - (0 - 2) / (4 + 1e-5).squareRoot()) <= 1e-12)
  }

  @Test func largeEpsilonOfTheMLPBenchmark() {
    // PyTorch-GAN's MLP generator passes eps = 0.8, which shrinks every output towards 0.
    let x = Tensor(shape: [2, 1], scalars: [-1, 1], dtype: .float64)
    let layer = BatchNorm(featureCount: 1, epsilon: 0.8, dtype: .float64)
    var context = trainingContext()
    let y = layer(x, context: &context).scalars
    #expect(abs(y[1] - 1 / 1.8.squareRoot()) <= 1e-12)
    #expect(abs(y[0] + 1 / 1.8.squareRoot()) <= 1e-12)
  }
}
