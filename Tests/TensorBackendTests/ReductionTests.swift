import Testing
import TensorBackend

@Suite struct ReductionTests {
  let x = Tensor(shape: [2, 3], scalars: [1, 5, 3, 4, 2, 6] as [Double], dtype: .float64)

  @Test func values() {
    #expect(x.sum().scalar == 21)
    #expect(x.mean().scalar == 3.5)
    #expect(x.sum(alongAxes: [0]).scalars == [5, 7, 9])
    #expect(x.sum(alongAxes: [1], keepingDimensions: true).shape == [2, 1])
    #expect(x.sum(alongAxes: [-1]).scalars == [9, 12])
    #expect(x.mean(alongAxes: [0, 1]).scalar == 3.5)
    #expect(x.max().scalar == 6)
    #expect(x.max(alongAxes: [1]).scalars == [5, 6])
    #expect(x.max(alongAxes: [0]).scalars == [4, 5, 6])
    #expect(x.broadcast(to: [2, 2, 3]).sum().scalar == 42)
    #expect(x.summed(toShape: [1, 3]).scalars == [5, 7, 9])
  }

  @Test func gradients() {
    let t = randomInputs([[2, 3, 4]], seed: 21)
    expectGradients("sum", at: t) { $0[0].sum() }
    expectGradients("mean", at: t) { $0[0].mean() }
    expectGradients("sum axes 0,2", at: t) { $0[0].sum(alongAxes: [0, 2]) }
    expectGradients("sum axis 1 kept", at: t) { $0[0].sum(alongAxes: [1], keepingDimensions: true) }
    expectGradients("mean axis -1", at: t) { $0[0].mean(alongAxes: [-1]) }
    expectGradients("max", at: t) { $0[0].max() }
    expectGradients("max axis 1", at: t) { $0[0].max(alongAxes: [1]) }
    expectGradients("max axes 0,2", at: t) { $0[0].max(alongAxes: [0, 2], keepingDimensions: true) }
    expectGradients("broadcast", at: randomInputs([[3, 1]], seed: 22)) { $0[0].broadcast(to: [2, 3, 4]) }
    expectGradients("summed(toShape:)", at: t) { $0[0].summed(toShape: [3, 1]) }
  }

  @Test func maxSharesGradientAmongTies() {
    let t = Tensor(shape: [4], scalars: [1, 3, 3, 2] as [Double], dtype: .float64).requiringGradient()
    #expect(t.max().gradients(wrt: [t])[0].scalars == [0, 0.5, 0.5, 0])
  }

  @Test func largeFloatSumKeepsPrecision() {
    let ones = Tensor.ones([1_000_000])
    #expect(ones.sum().scalar == 1_000_000)
  }
}
