import NeuralNetworks
import TensorBackend

/// The outcome of comparing the gradients `backward()` accumulates into a layer's parameters with
/// central finite differences.
struct ParameterGradientReport: CustomStringConvertible {
  var maxRelativeError = 0.0
  var comparedEntries = 0
  var worst = "none"

  var description: String {
    "max rel error \(maxRelativeError) over \(comparedEntries) parameter entries (worst: \(worst))"
  }
}

/// Finite-difference check of d loss / d θ for every parameter θ of `layer`, which must be in
/// `float64`. `loss` builds a one-element tensor from the layer's current parameters; it is
/// evaluated with gradient recording off for the numeric side, so a loss that differentiates
/// internally (a gradient penalty) must turn recording on itself.
func checkParameterGradients(
  of layer: any Layer, step: Double = 1e-6, loss: () -> Tensor
) -> ParameterGradientReport {
  let named = layer.namedParameters
  layer.zeroGradients()
  loss().backward()
  let analytic = named.map { $0.parameter.gradient?.scalars ?? [Double](repeating: 0, count: $0.parameter.scalarCount) }
  layer.zeroGradients()
  var report = ParameterGradientReport()
  for (index, (name, parameter)) in named.enumerated() {
    precondition(parameter.dtype == .float64, "checkParameterGradients: convert the layer to float64 first")
    for element in 0..<parameter.scalarCount {
      func evaluate(_ delta: Double) -> Double {
        let original = parameter.withUnsafeMutableBufferPointer(as: Double.self) { buffer in
          let original = buffer[element]
          buffer[element] = original + delta
          return original
        }
        let value = withoutGradient { loss().scalar }
        parameter.withUnsafeMutableBufferPointer(as: Double.self) { $0[element] = original }
        return value
      }
      let numeric = (evaluate(step) - evaluate(-step)) / (2 * step)
      let relative = abs(analytic[index][element] - numeric) / max(1, abs(numeric))
      report.comparedEntries += 1
      if relative > report.maxRelativeError {
        report.maxRelativeError = relative
        report.worst = "\(name)[\(element)]: analytic \(analytic[index][element]), numeric \(numeric)"
      }
    }
  }
  return report
}

/// ⟨v, y⟩ for a fixed v drawn from `seed`: a scalar whose gradient checks every output of y.
func randomProjection(_ y: Tensor, seed: UInt64 = 11) -> Tensor {
  var generator = SplitMix64(seed: seed)
  return (y * Tensor.randomNormal(y.shape, dtype: y.dtype, using: &generator)).sum()
}

/// The elements' bit patterns, for exact comparisons.
func bits(_ tensor: Tensor) -> [UInt64] { tensor.scalars.map(\.bitPattern) }

/// A training-mode context with a fixed generator.
func trainingContext(seed: UInt64 = 0) -> ForwardContext {
  ForwardContext(training: true, generator: SplitMix64(seed: seed))
}
