import TensorBackend

/// The negative evidence lower bound, −L(x) = E_q[−log p(x | z)] + KL(q(z | x) ‖ p(z)) ≥ −log p(x)
/// (Kingma & Welling 2014, eq. 3), by its two terms, in nats: the reconstruction term estimated
/// from one draw z ~ q(z | x), the KL in closed form. Each term is a scalar summed over a batch
/// (training) or an (N) tensor per sample (evaluation).
public struct NegativeELBO {
  /// −log p(x | z), summed over the sample's scalars.
  public var reconstruction: Tensor
  /// KL(q(z | x) ‖ N(0, I)).
  public var klDivergence: Tensor

  public init(reconstruction: Tensor, klDivergence: Tensor) {
    self.reconstruction = reconstruction
    self.klDivergence = klDivergence
  }

  /// −L(x), the two terms added.
  public var total: Tensor { reconstruction + klDivergence }
}
