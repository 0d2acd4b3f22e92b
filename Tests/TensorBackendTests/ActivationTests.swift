import Testing
import TensorBackend

@Suite struct ActivationTests {
  /// Inputs kept away from 0, where relu-type functions have a kink and finite differences lie.
  func awayFromZero(_ shape: [Int], seed: UInt64) -> [Tensor] {
    let x = randomInputs([shape], seed: seed)[0]
    let nudged = x.scalars.map { $0 >= 0 ? $0 + 0.1 : $0 - 0.1 }
    return [Tensor(shape: shape, scalars: nudged, dtype: .float64)]
  }

  @Test func gradients() {
    let x = awayFromZero([3, 4], seed: 11)
    expectGradients("relu", at: x) { relu($0[0]) }
    expectGradients("leakyRelu", at: x) { leakyRelu($0[0], negativeSlope: 0.2) }
    expectGradients("tanh", at: x) { tanh($0[0]) }
    expectGradients("sigmoid", at: x) { sigmoid($0[0]) }
    expectGradients("softplus", at: x) { softplus($0[0]) }
    expectGradients("logSigmoid", at: x) { logSigmoid($0[0]) }
    // Inputs away from the ends ±0.5, where the clamp has kinks.
    let spread = Tensor(shape: [3, 4], scalars: x[0].scalars.map { Swift.abs(Swift.abs($0) - 0.5) < 0.05 ? $0 * 1.3 : $0 }, dtype: .float64)
    expectGradients("clamp", at: [spread]) { clamp($0[0], to: -0.5...0.5) }
  }

  @Test func values() {
    let x = Tensor(shape: [4], scalars: [-2, -0.5, 0.5, 2] as [Double], dtype: .float64)
    #expect(relu(x).scalars == [0, 0, 0.5, 2])
    #expect(leakyRelu(x, negativeSlope: 0.2).scalars == [-0.4, -0.1, 0.5, 2])
    #expect(clamp(x, to: -1...1).scalars == [-1, -0.5, 0.5, 1])
    #expect(clamp(x, to: 0...0.5).scalars == [0, 0, 0.5, 0.5])
    expectClose(sigmoid(x).scalars, x.scalars.map { 1 / (1 + scalarExp(-$0)) }, tolerance: 1e-15, "sigmoid")
    expectClose(softplus(x).scalars, x.scalars.map { scalarLog(1 + scalarExp($0)) }, tolerance: 1e-15, "softplus")
    expectClose(logSigmoid(x).scalars, x.scalars.map { -scalarLog(1 + scalarExp(-$0)) }, tolerance: 1e-15, "logSigmoid")
  }

  @Test func extremeInputsStayFinite() {
    let x = Tensor(shape: [6], scalars: [-1000, -80, -31, 31, 80, 1000] as [Double])
    for (name, y) in [("sigmoid", sigmoid(x)), ("softplus", softplus(x)), ("logSigmoid", logSigmoid(x)), ("tanh", tanh(x))] {
      #expect(y.scalars.allSatisfy { $0.isFinite }, "\(name) \(y.scalars)")
    }
    #expect(softplus(x).scalars[5] == 1000)
    #expect(logSigmoid(x).scalars[0] == -1000)
    let tracked = x.requiringGradient()
    let g = (softplus(tracked) + logSigmoid(tracked)).sum().gradients(wrt: [tracked])[0]
    #expect(g.scalars.allSatisfy { $0.isFinite }, "\(g.scalars)")
  }
}

#if canImport(Glibc)
import Glibc
func scalarExp(_ x: Double) -> Double { Glibc.exp(x) }
func scalarLog(_ x: Double) -> Double { Glibc.log(x) }
#endif
