import Testing
@testable import TensorBackend

private func random(_ shape: [Int], seed: UInt64) -> Tensor {
  var generator = SplitMix64(seed: seed)
  return Tensor.randomNormal(shape, dtype: .float64, using: &generator)
}

private func expectGradientsMatch(
  _ name: String, at inputs: [Tensor], tolerance: Double = 1e-6,
  sourceLocation: SourceLocation = #_sourceLocation, _ function: @escaping ([Tensor]) -> Tensor
) {
  let report = checkGradients(of: function, at: inputs, fullJacobian: true)
  #expect(report.comparedEntries > 0, "\(name): nothing compared", sourceLocation: sourceLocation)
  #expect(report.maxRelativeError <= tolerance, "\(name): \(report)", sourceLocation: sourceLocation)
}

private func expectValues(
  _ actual: Tensor, _ expected: [Double], tolerance: Double = 1e-6, _ what: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let values = actual.scalars
  #expect(values.count == expected.count, "\(what): \(values.count) values, expected \(expected.count)", sourceLocation: sourceLocation)
  let worst = zip(values, expected).map { Swift.abs($0 - $1) }.max() ?? 0
  #expect(worst <= tolerance, "\(what): got \(values), expected \(expected)", sourceLocation: sourceLocation)
}

@Suite struct ResamplingTests {
  @Test func nearestAndAveragePoolValues() {
    let x = Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4])
    let up = upsampleNearest(x, factor: 2)
    #expect(up.shape == [1, 1, 4, 4])
    expectValues(up, [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4], "nearest x2")
    let pooled = averagePool(Tensor(shape: [1, 2, 2, 4], scalars: (0..<16).map(Float.init)), factor: 2)
    #expect(pooled.shape == [1, 2, 1, 2])
    expectValues(pooled, [2.5, 4.5, 10.5, 12.5], "average pool x2")
    expectValues(averagePool(upsampleNearest(x, factor: 3), factor: 3), x.scalars, "pool ∘ upsample")
    let large = random([4, 8, 16, 12], seed: 11)
    expectValues(averagePool(upsampleNearest(large, factor: 2), factor: 2), large.scalars, tolerance: 1e-12, "pool ∘ upsample, large")
  }

  /// Values worked out by hand from PyTorch's `align_corners=False` rule: output o reads input
  /// coordinate max((o + ½)/f − ½, 0), between ⌊·⌋ and the next pixel (clamped at the edge).
  @Test func bilinearMatchesHandComputedValues() {
    // Factor 2 along both axes of [[1, 2], [3, 4]]: coordinates 0, 0.25, 0.75, 1.25 (→ edge).
    let x = Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4])
    expectValues(upsampleBilinear(x), [
      1.0, 1.25, 1.75, 2.0,
      1.5, 1.75, 2.25, 2.5,
      2.5, 2.75, 3.25, 3.5,
      3.0, 3.25, 3.75, 4.0,
    ], "bilinear x2 of [[1, 2], [3, 4]]")
    // Factor 3 along a row [0, 3, 6]: coordinates −⅓ (→ 0), 0, ⅓, ⅔, 1, 4/3, 5/3, 2, 7/3 (→ edge).
    let row = Tensor(shape: [1, 1, 1, 3], scalars: [0, 3, 6], dtype: .float64)
    let up = upsampleBilinear(row, factor: 3)
    #expect(up.shape == [1, 1, 3, 9])
    let line: [Double] = [0, 0, 1, 2, 3, 4, 5, 6, 6]
    expectValues(up, line + line + line, tolerance: 1e-12, "bilinear x3 of [0, 3, 6]")
    // Factor 4, one pixel wide: every output is the pixel.
    expectValues(upsampleBilinear(Tensor(shape: [2, 1, 1, 1], scalars: [5, -1]), factor: 4),
                 [Double](repeating: 5, count: 16) + [Double](repeating: -1, count: 16), "bilinear of 1x1")
  }

  @Test func bilinearAdjointIsTheTranspose() {
    // ⟨up(x), y⟩ = ⟨x, upᵀ(y)⟩ on non-square images, factor 3; the larger one is split among
    // the processors.
    for shape in [[2, 3, 4, 5], [4, 8, 16, 12]] {
      let x = random(shape, seed: 1), y = random([shape[0], shape[1], shape[2] * 3, shape[3] * 3], seed: 2)
      let left = (upsampleBilinear(x, factor: 3) * y).sum().scalar
      let right = (x * upsampleBilinearAdjoint(y, factor: 3)).sum().scalar
      #expect(Swift.abs(left - right) <= 1e-10 * Swift.max(1, Swift.abs(left)), "\(shape): \(left) vs \(right)")
    }
  }

  @Test func upsampleNearestGradients() {
    expectGradientsMatch("upsampleNearest x2", at: [random([2, 1, 2, 3], seed: 3)]) { t in
      upsampleNearest(t[0], factor: 2)
    }
    expectGradientsMatch("upsampleNearest x3", at: [random([1, 2, 1, 2], seed: 4)]) { t in
      upsampleNearest(t[0], factor: 3)
    }
  }

  @Test func averagePoolGradients() {
    expectGradientsMatch("averagePool x2", at: [random([2, 1, 4, 6], seed: 5)]) { t in
      averagePool(t[0], factor: 2)
    }
    expectGradientsMatch("averagePool x3", at: [random([1, 2, 3, 6], seed: 6)]) { t in
      averagePool(t[0], factor: 3)
    }
  }

  @Test func upsampleBilinearGradients() {
    expectGradientsMatch("upsampleBilinear x2", at: [random([2, 1, 3, 4], seed: 7)]) { t in
      upsampleBilinear(t[0])
    }
    expectGradientsMatch("upsampleBilinear x3", at: [random([1, 2, 2, 3], seed: 8)]) { t in
      upsampleBilinear(t[0], factor: 3)
    }
    expectGradientsMatch("upsampleBilinearAdjoint x2", at: [random([1, 2, 4, 6], seed: 9)]) { t in
      upsampleBilinearAdjoint(t[0], factor: 2)
    }
  }

  @Test func secondDerivativesThroughResampling() {
    // ‖∇ₓ Σ tanh(resample(x))²‖²: the backward rules are themselves differentiated.
    let ops: [(String, (Tensor) -> Tensor)] = [
      ("upsampleNearest", { upsampleNearest($0, factor: 2) }),
      ("averagePool", { averagePool($0, factor: 2) }),
      ("upsampleBilinear", { upsampleBilinear($0, factor: 2) }),
    ]
    for (name, op) in ops {
      expectGradientsMatch("‖∇ \(name)‖²", at: [random([1, 2, 4, 4], seed: 10)], tolerance: 1e-5) { t in
        withGradient {
          let x = t[0].requiresGradient ? t[0] : t[0].requiringGradient()
          let g = tanh(op(x)).squared().sum().gradients(wrt: [x], createGraph: true)[0]
          return g.squared().sum()
        }
      }
    }
  }

  @Test func averagePoolRejectsIndivisibleSizes() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = averagePool(Tensor.zeros([1, 2, 5, 4]), factor: 2)
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.contains("averagePool") && message.contains("(1, 2, 5, 4)") && message.contains("factor 2"), "\(message)")
  }
}
