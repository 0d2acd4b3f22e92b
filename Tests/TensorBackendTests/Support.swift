import Testing
import TensorBackend

/// Random float64 inputs of the given shapes, from a fixed seed.
func randomInputs(_ shapes: [[Int]], seed: UInt64 = 1, scale: Double = 1, offset: Double = 0) -> [Tensor] {
  var generator = SplitMix64(seed: seed)
  return shapes.map { Tensor.randomNormal($0, mean: offset, standardDeviation: scale, dtype: .float64, using: &generator) }
}

/// Checks `function`'s gradients against central differences and records the report on failure.
func expectGradients(
  _ name: String, at inputs: [Tensor], fullJacobian: Bool = false, tolerance: Double = 1e-6,
  sourceLocation: SourceLocation = #_sourceLocation, _ function: @escaping ([Tensor]) -> Tensor
) {
  let report = checkGradients(of: function, at: inputs, fullJacobian: fullJacobian)
  #expect(report.comparedEntries > 0, "\(name): nothing compared", sourceLocation: sourceLocation)
  #expect(report.maxRelativeError <= tolerance, "\(name): \(report) exceeds tolerance \(tolerance)", sourceLocation: sourceLocation)
}

/// |a − b| ≤ tolerance elementwise, with the worst difference in the failure message.
func expectClose(
  _ actual: [Double], _ expected: [Double], tolerance: Double, _ what: String = "",
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(actual.count == expected.count, "\(what): \(actual.count) values, expected \(expected.count)", sourceLocation: sourceLocation)
  var worst = 0.0, worstIndex = 0
  for i in 0..<min(actual.count, expected.count) where Swift.abs(actual[i] - expected[i]) > worst || actual[i].isNaN {
    worst = actual[i].isNaN ? .infinity : Swift.abs(actual[i] - expected[i])
    worstIndex = i
  }
  #expect(worst <= tolerance, "\(what): |\(actual.isEmpty ? 0 : actual[worstIndex]) − \(expected.isEmpty ? 0 : expected[worstIndex])| = \(worst) at \(worstIndex) exceeds \(tolerance)", sourceLocation: sourceLocation)
}
