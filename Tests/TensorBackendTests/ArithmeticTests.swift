import Testing
import TensorBackend

@Suite struct ArithmeticTests {
  @Test func forwardValuesWithBroadcasting() {
    let a = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6] as [Double], dtype: .float64)
    let b = Tensor(shape: [3], scalars: [10, 20, 30] as [Double], dtype: .float64)
    #expect((a + b).scalars == [11, 22, 33, 14, 25, 36])
    #expect((a - b).scalars == [-9, -18, -27, -6, -15, -24])
    #expect((a * b).scalars == [10, 40, 90, 40, 100, 180])
    #expect((b / a).shape == [2, 3])
    let column = Tensor(shape: [2, 1], scalars: [1, 2] as [Double], dtype: .float64)
    #expect((a * column).scalars == [1, 2, 3, 8, 10, 12])
    #expect((2 - a).scalars == [1, 0, -1, -2, -3, -4])
    #expect((6 / a).scalars == [6, 3, 2, 1.5, 1.2, 1])
    #expect((-a).scalars == [-1, -2, -3, -4, -5, -6])
  }

  /// Broadcast binary ops against a per-element reference, on odd shapes and every way an operand
  /// can stretch (a row, a column, a scalar, a middle axis), in both element types.
  @Test func broadcastingMatchesTheElementwiseReference() {
    let cases: [([Int], [Int])] = [
      ([7, 13], [13]), ([13], [7, 13]), ([7, 13], [7, 1]), ([7, 1], [7, 13]), ([5, 3, 9], [3, 1]),
      ([5, 1, 9], [5, 3, 1]), ([1], [4, 6]), ([4, 6], [1, 1]), ([3, 17, 2], [17, 2]), ([2, 1, 33], [1, 5, 33]),
    ]
    var rng = SplitMix64(seed: 21)
    for (aShape, bShape) in cases {
      for dtype in [DType.float32, .float64] {
        let a = Tensor.randomNormal(aShape, dtype: dtype, using: &rng)
        let b = Tensor.randomNormal(bShape, dtype: dtype, using: &rng) + 3
        let rank = max(aShape.count, bShape.count)
        let pa = [Int](repeating: 1, count: rank - aShape.count) + aShape
        let pb = [Int](repeating: 1, count: rank - bShape.count) + bShape
        let shape = zip(pa, pb).map { max($0, $1) }
        func value(_ t: Tensor, _ padded: [Int], _ index: [Int]) -> Double {
          var offset = 0
          for (extent, i) in zip(padded, index) { offset = offset * extent + (extent == 1 ? 0 : i) }
          return t.scalars[offset]
        }
        let ops: [(String, (Tensor, Tensor) -> Tensor, (Double, Double) -> Double)] = [
          ("+", { $0 + $1 }, { $0 + $1 }), ("-", { $0 - $1 }, { $0 - $1 }),
          ("*", { $0 * $1 }, { $0 * $1 }), ("/", { $0 / $1 }, { $0 / $1 }),
        ]
        for (name, op, reference) in ops {
          let result = op(a, b)
          #expect(result.shape == shape, "\(aShape) \(name) \(bShape): shape \(result.shape)")
          let count = shape.reduce(1, *)
          var mismatches = 0
          for flat in 0..<count {
            var index = [Int](repeating: 0, count: rank), rest = flat
            for d in stride(from: rank - 1, through: 0, by: -1) { index[d] = rest % shape[d]; rest /= shape[d] }
            var expected = reference(value(a, pa, index), value(b, pb, index))
            // One correctly rounded operation: in float32 the double result rounded to float is
            // exactly what the kernel must give (double has more than twice float's precision).
            if dtype == .float32 { expected = Double(Float(expected)) }
            if result.scalars[flat] != expected { mismatches += 1 }
          }
          #expect(mismatches == 0, "\(dtype) \(aShape) \(name) \(bShape): \(mismatches) of \(count) elements differ from the reference")
        }
      }
    }
  }

  @Test func binaryOpGradientsWithBroadcasting() {
    let inputs = randomInputs([[2, 3, 4], [3, 1]], offset: 0)
    expectGradients("add", at: inputs) { $0[0] + $0[1] }
    expectGradients("subtract", at: inputs) { $0[0] - $0[1] }
    expectGradients("multiply", at: inputs) { $0[0] * $0[1] }
    let positive = randomInputs([[2, 3, 4], [4]], seed: 2, scale: 0.3, offset: 2)
    expectGradients("divide", at: positive) { $0[0] / $0[1] }
    expectGradients("divide broadcast numerator", at: positive) { $0[1] / $0[0] }
  }

  @Test func scalarOpGradients() {
    let x = randomInputs([[3, 5]], seed: 3)
    expectGradients("add scalar", at: x) { $0[0] + 1.5 }
    expectGradients("scalar minus", at: x) { 2 - $0[0] }
    expectGradients("multiply scalar", at: x) { $0[0] * -3 }
    expectGradients("negate", at: x) { -$0[0] }
    expectGradients("square", at: x) { $0[0].squared() }
    let positive = randomInputs([[3, 5]], seed: 4, scale: 0.3, offset: 2)
    expectGradients("scalar over", at: positive) { 2 / $0[0] }
  }

  @Test func unaryMathGradients() {
    let x = randomInputs([[4, 3]], seed: 5)
    expectGradients("exp", at: x) { exp($0[0]) }
    expectGradients("abs", at: x) { abs($0[0]) }
    let positive = randomInputs([[4, 3]], seed: 6, scale: 0.3, offset: 2)
    expectGradients("log", at: positive) { log($0[0]) }
    expectGradients("sqrt", at: positive) { sqrt($0[0]) }
    expectGradients("pow 3", at: positive) { pow($0[0], 3) }
    expectGradients("pow 2", at: positive) { pow($0[0], 2) }
    expectGradients("pow -0.5", at: positive) { pow($0[0], -0.5) }
  }

  @Test func gradientsAccumulateWhenATensorIsUsedTwice() {
    let x = Tensor(shape: [2], scalars: [3, -1] as [Double], dtype: .float64).requiringGradient()
    let y = (x * x + x * 2).sum()
    let g = y.gradients(wrt: [x])[0]
    #expect(g.scalars == [8, 0])
  }

  @Test func float32AndFloat64Agree() {
    let x = randomInputs([[5, 7]], seed: 9)[0]
    let f64 = tanh(x * 1.3 + 0.5).scalars
    let f32 = tanh(x.converted(to: .float32) * 1.3 + 0.5).scalars
    expectClose(f32, f64, tolerance: 1e-6, "tanh float32 vs float64")
  }
}

@Suite struct ParameterTests {
  @Test func backwardAccumulatesAndFrozenParametersGetNothing() {
    let w = Parameter(Tensor(shape: [2], scalars: [1, 2] as [Double], dtype: .float64))
    let v = Parameter(Tensor(shape: [2], scalars: [3, 4] as [Double], dtype: .float64))
    (w.value * v.value).sum().backward()
    #expect(w.gradient?.scalars == [3, 4])
    (w.value * 2).sum().backward()
    #expect(w.gradient?.scalars == [5, 6])
    v.requiresGradient = false
    w.zeroGradient()
    v.zeroGradient()
    (w.value * v.value).sum().backward()
    #expect(w.gradient?.scalars == [3, 4])
    #expect(v.gradient == nil)
  }
}
