import NeuralNetworks
import TensorBackend

/// A VAE's encoder: a network whose outputs (N, 2Z) are read as the parameters of q(z | x),
/// the first Z as μ and the last Z as log σ² (`posterior(of:context:)`). One output layer for
/// both is the same as pytorch/examples' two heads `fc21` and `fc22`, stacked.
public protocol GaussianEncoder: Layer {
  /// Z.
  var latentDimension: Int { get }
}

extension GaussianEncoder {
  /// q(z | x) for inputs x (N, sample shape…) in the likelihood's space.
  public func posterior(of x: Tensor, context: inout ForwardContext) -> GaussianPosterior {
    let outputs = self(x, context: &context)
    let z = latentDimension
    precondition(outputs.shape == [x.shape[0], 2 * z], "GaussianEncoder: outputs \(outputs.shape), expected [\(x.shape[0]), \(2 * z)]")
    return GaussianPosterior(mean: outputs.sliced(alongAxis: 1, 0..<z), logVariance: outputs.sliced(alongAxis: 1, z..<(2 * z)))
  }
}
