/// The outcome of comparing backward rules with central finite differences.
public struct GradientCheckReport: CustomStringConvertible, Sendable {
  /// The largest |analytic − numeric| over all compared entries.
  public var maxAbsoluteError: Double
  /// The largest |analytic − numeric| / max(1, |numeric|).
  public var maxRelativeError: Double
  /// How many (output, input element) entries were compared.
  public var comparedEntries: Int
  /// Where the largest relative error occurred.
  public var worst: String

  public var description: String {
    "max abs error \(maxAbsoluteError), max rel error \(maxRelativeError) over \(comparedEntries) entries (worst: \(worst))"
  }
}

/// Compares the gradients of `function` at `inputs` with central finite differences, in
/// `float64` (PyTorch's `gradcheck`).
///
/// - `fullJacobian: true` compares every entry d output[j] / d input[i] (tiny shapes only);
///   otherwise it compares the gradient of ⟨v, output⟩ for a fixed random v, which checks every
///   input element against one random combination of outputs.
/// - The inputs are converted to `float64`; `function` must build its result from them only
///   (constants it creates should use the inputs' dtype).
public func checkGradients(
  of function: ([Tensor]) -> Tensor, at inputs: [Tensor], step: Double = 1e-6,
  fullJacobian: Bool = false, seed: UInt64 = 7
) -> GradientCheckReport {
  let base = inputs.map { $0.converted(to: .float64) }
  let tracked = base.map { $0.requiringGradient() }
  let output = function(tracked)
  precondition(output.dtype == .float64, "checkGradients: the function returned \(output.dtype); build it from the inputs so it runs in float64")
  var generator = SplitMix64(seed: seed)
  let seeds: [Tensor]
  if fullJacobian {
    seeds = (0..<output.scalarCount).map { j in
      var s = [Double](repeating: 0, count: output.scalarCount)
      s[j] = 1
      return Tensor(shape: output.shape, scalars: s, dtype: .float64)
    }
  } else {
    seeds = [Tensor.randomNormal(output.shape, dtype: .float64, using: &generator)]
  }
  var report = GradientCheckReport(maxAbsoluteError: 0, maxRelativeError: 0, comparedEntries: 0, worst: "none")
  for (seedIndex, seedTensor) in seeds.enumerated() {
    let analytic = withGradient { output.gradients(wrt: tracked, seed: seedTensor) }
    let weights = seedTensor.scalars
    for (inputIndex, input) in base.enumerated() {
      let analyticValues = analytic[inputIndex].scalars
      for element in 0..<input.scalarCount {
        // Inputs stay tracked while perturbed: the function may differentiate internally.
        let numeric = withGradient { () -> Double in
          func evaluate(_ delta: Double) -> Double {
            var perturbed = tracked
            let copy = input.copied()
            copy.storage.typed(Double.self)[element] += delta
            perturbed[inputIndex] = copy.requiringGradient()
            let value = function(perturbed).scalars
            var total = 0.0
            for j in value.indices { total += weights[j] * value[j] }
            return total
          }
          return (evaluate(step) - evaluate(-step)) / (2 * step)
        }
        let error = Swift.abs(analyticValues[element] - numeric)
        let relative = error / Swift.max(1, Swift.abs(numeric))
        report.comparedEntries += 1
        report.maxAbsoluteError = Swift.max(report.maxAbsoluteError, error)
        if relative > report.maxRelativeError {
          report.maxRelativeError = relative
          report.worst = "output seed \(seedIndex), input \(inputIndex) element \(element): analytic \(analyticValues[element]), numeric \(numeric)"
        }
      }
    }
  }
  return report
}
