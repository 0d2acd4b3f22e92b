import TensorBackend

/// The non-saturating game (Goodfellow et al. 2014, after eq. 1): D's loss as in the minimax game,
/// but G maximises log D(G(z)), i.e. minimises −log σ(l_fake) = softplus(−l_fake). Same fixed
/// point, strong gradients early in training; the loss used in practice.
public struct NonSaturatingObjective: Objective {
  public static let name = "non-saturating"
  public static let summary = "Goodfellow et al. 2014: G maximises log D(G(z)); the default in practice"

  public init() {}

  public func discriminatorLoss(realLogits: Tensor, fakeLogits: Tensor) -> Tensor {
    softplus(-realLogits).mean() + softplus(fakeLogits).mean()
  }

  public func generatorLoss(fakeLogits: Tensor) -> Tensor {
    softplus(-fakeLogits).mean()
  }

  public func score(_ logits: Tensor) -> Tensor { sigmoid(logits) }
}
