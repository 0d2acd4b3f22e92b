import TensorBackend

/// Least-squares GAN (Mao et al. 2017, eq. 2 with the 0-1 coding a = 0, b = c = 1):
/// D minimises ½E[(D(x) − 1)²] + ½E[D(G(z))²]; G minimises ½E[(D(G(z)) − 1)²], on raw outputs.
public struct LeastSquaresObjective: Objective {
  public static let name = "least-squares"
  public static let summary = "Mao et al. 2017 (LSGAN): squared distance to the real/fake codes 1 and 0"

  public init() {}

  public func discriminatorLoss(realLogits: Tensor, fakeLogits: Tensor) -> Tensor {
    ((realLogits - 1).squared().mean() + fakeLogits.squared().mean()) * 0.5
  }

  public func generatorLoss(fakeLogits: Tensor) -> Tensor {
    (fakeLogits - 1).squared().mean() * 0.5
  }
}
