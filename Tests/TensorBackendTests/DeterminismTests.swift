import Testing
import TensorBackend

@Suite struct DeterminismTests {
  @Test func sameSeedSameBits() {
    var a = SplitMix64(seed: 42), b = SplitMix64(seed: 42)
    let x = Tensor.randomNormal([1000], using: &a), y = Tensor.randomNormal([1000], using: &b)
    #expect(x.floats == y.floats)
    #expect(a == b)
    var c = SplitMix64(seed: 43)
    #expect(Tensor.randomNormal([1000], using: &c).floats != x.floats)
  }

  @Test func normalSamplesHaveTheRightMoments() {
    var generator = SplitMix64(seed: 1)
    let x = Tensor.randomNormal([200_000], mean: 1, standardDeviation: 2, dtype: .float64, using: &generator)
    let mean = x.mean().scalar
    let sd = (x - mean).squared().mean().scalar.squareRoot()
    #expect(Swift.abs(mean - 1) < 0.02 && Swift.abs(sd - 2) < 0.02, "mean \(mean) sd \(sd)")
    let u = Tensor.randomUniform([100_000], low: -1, high: 3, dtype: .float64, using: &generator)
    #expect(u.max().scalar < 3 && (-u).max().scalar <= 1 && Swift.abs(u.mean().scalar - 1) < 0.02)
  }
}
