import Testing
import TensorBackend

@Suite struct ShapeOpTests {
  let x = Tensor(shape: [2, 3], scalars: [0, 1, 2, 3, 4, 5] as [Double], dtype: .float64)

  @Test func values() {
    #expect(x.reshaped(to: [3, -1]).shape == [3, 2])
    #expect(x.transposed().scalars == [0, 3, 1, 4, 2, 5])
    let cube = Tensor(shape: [2, 3, 2], scalars: (0..<12).map(Double.init), dtype: .float64)
    #expect(cube.permuted([2, 0, 1]).scalars == [0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11])
    #expect(Tensor.concatenate([x, x * 10], alongAxis: 1).scalars == [0, 1, 2, 0, 10, 20, 3, 4, 5, 30, 40, 50])
    #expect(Tensor.concatenate([x, x], alongAxis: 0).shape == [4, 3])
    #expect(x.sliced(alongAxis: 1, 1..<3).scalars == [1, 2, 4, 5])
    #expect(x.gathered(rows: [1, 1, 0]).scalars == [3, 4, 5, 3, 4, 5, 0, 1, 2])
  }

  @Test func gradients() {
    let t = randomInputs([[2, 3, 4], [2, 2, 4]], seed: 31)
    expectGradients("reshape", at: t) { $0[0].reshaped(to: [4, -1]) }
    expectGradients("permute", at: t) { $0[0].permuted([1, 2, 0]) }
    expectGradients("transpose", at: randomInputs([[3, 5]], seed: 32)) { $0[0].transposed() }
    expectGradients("concatenate", at: t) { Tensor.concatenate([$0[0], $0[1]], alongAxis: 1) }
    expectGradients("slice", at: t) { $0[0].sliced(alongAxis: 2, 1..<3) }
    expectGradients("gather (embedding lookup)", at: randomInputs([[4, 3]], seed: 33)) { $0[0].gathered(rows: [2, 0, 2, 3]) }
  }
}
