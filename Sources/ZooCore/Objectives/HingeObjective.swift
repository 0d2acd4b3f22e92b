import TensorBackend

/// Hinge loss (Lim & Ye 2017, "Geometric GAN"; Miyato et al. 2018):
/// D minimises E[max(0, 1 − D(x))] + E[max(0, 1 + D(G(z)))]; G minimises −E[D(G(z))].
public struct HingeObjective: Objective {
  public static let name = "hinge"
  public static let summary = "Lim & Ye 2017, Miyato et al. 2018: margin loss for D, -D(G(z)) for G"

  public init() {}

  public func discriminatorLoss(realLogits: Tensor, fakeLogits: Tensor) -> Tensor {
    relu(1 - realLogits).mean() + relu(1 + fakeLogits).mean()
  }

  public func generatorLoss(fakeLogits: Tensor) -> Tensor {
    (-fakeLogits).mean()
  }
}
