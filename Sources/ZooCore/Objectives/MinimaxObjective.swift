import TensorBackend

/// The original two-player game (Goodfellow et al. 2014, eq. 1):
/// min_G max_D E[log D(x)] + E[log(1 − D(G(z)))], with D = σ(logit).
///
/// D minimises −log σ(l_real) − log(1 − σ(l_fake)); G minimises log(1 − σ(l_fake)) exactly, the
/// "saturating" loss: when D confidently rejects fakes early in training, its gradient vanishes
/// (the paper's remark after eq. 1). Written as −softplus(l) so it never evaluates log 0.
public struct MinimaxObjective: Objective {
  public static let name = "minimax"
  public static let summary = "Goodfellow et al. 2014, eq. 1: G minimises log(1 - D(G(z))) (saturates)"

  public init() {}

  public func discriminatorLoss(realLogits: Tensor, fakeLogits: Tensor) -> Tensor {
    softplus(-realLogits).mean() + softplus(fakeLogits).mean()
  }

  public func generatorLoss(fakeLogits: Tensor) -> Tensor {
    (-softplus(fakeLogits)).mean()
  }

  public func score(_ logits: Tensor) -> Tensor { sigmoid(logits) }
}
