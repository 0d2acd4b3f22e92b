import NeuralNetworks
import TensorBackend

/// A projection applied to a network's parameters after each of its optimizer steps, such as the
/// original WGAN's weight clipping (Arjovsky et al. 2017, Algorithm 1, line 7). The adversarial
/// trainer takes one for its discriminator.
public protocol ParameterConstraint {
  /// Moves `parameters` into the constraint set, in place.
  func apply(to parameters: [Parameter])
}
