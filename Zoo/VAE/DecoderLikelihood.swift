import TensorBackend

/// p(x | z), the decoder's likelihood: how the decoder's outputs o (N, sample shape…) are read as
/// a distribution over one sample, and the space that distribution is a density on.
///
/// - Bernoulli (Kingma & Welling 2014, appendix C.1; pytorch/examples `vae`): each scalar xⱼ of
///   [0, 1] with p = σ(oⱼ), −log p(x | z) = Σⱼ softplus(oⱼ) − xⱼ·oⱼ, the binary cross-entropy on
///   logits (never the logarithm of a rounded probability). For binary xⱼ this is a likelihood;
///   for grey levels a cross-entropy, not a density (hence the IWAE protocol's binarised digits).
/// - Gaussian (appendix C.2): xⱼ ~ N(μⱼ, σⱼ²), −log p(x | z) = ½ Σⱼ (log 2π + log σⱼ² +
///   (xⱼ − μⱼ)²/σⱼ²), with μ = o for points and μ = σ(o) for images (so the mean stays a pixel
///   value). log σ² is a fixed number or learned, one per pixel or coordinate shared by every
///   sample (`VAEDecoder.logVariance`).
///
/// The zoo keeps images in [−1, 1]; the likelihood reads them as x = (v + 1)/2 in [0, 1], the
/// space of pytorch/examples' `ToTensor`, so its nats are comparable with the papers', and maps
/// its means back. Points are read as they are. Every figure sums over a sample's scalars.
public struct DecoderLikelihood: Sendable, Equatable {
  /// Which distribution p(x | z) is.
  public enum Kind: String, Codable, Sendable, CaseIterable {
    case bernoulli
    case gaussian
  }

  public var kind: Kind
  /// Whether samples are images, read on [0, 1]; points otherwise, read as they are.
  public var readsImages: Bool

  public init(kind: Kind, readsImages: Bool) {
    self.kind = kind
    self.readsImages = readsImages
  }

  /// Samples in the data's range → observations x in the likelihood's space.
  public func observations(of samples: Tensor) -> Tensor {
    readsImages ? samples * 0.5 + 0.5 : samples
  }

  /// Values in the likelihood's space → the data's range.
  public func dataValues(of x: Tensor) -> Tensor {
    readsImages ? x * 2 - 1 : x
  }

  /// E[x | z] from the decoder's outputs: σ(o), or o for a Gaussian on points.
  public func mean(of outputs: Tensor) -> Tensor {
    kind == .gaussian && !readsImages ? outputs : sigmoid(outputs)
  }

  /// −log p(x | z) summed over every scalar of the batch, a scalar: the training loss's
  /// reconstruction term. The Bernoulli case is the backend's fused cross-entropy on logits.
  /// - Parameter logVariance: log σ², a scalar or of the sample shape, for a Gaussian; ignored
  ///   for a Bernoulli.
  public func totalNegativeLogLikelihood(outputs: Tensor, observations x: Tensor, logVariance: Tensor?) -> Tensor {
    switch kind {
    case .bernoulli:
      return binaryCrossEntropy(logits: outputs, targets: x, reduction: .sum)
    case .gaussian:
      return gaussianTerms(outputs: outputs, observations: x, logVariance: logVariance).sum() * 0.5
        + 0.5 * Double(x.scalarCount) * GaussianPosterior.logTwoPi
    }
  }

  /// −log p(x | z) per sample, (N), for outputs (N, sample shape…) and observations of the same
  /// shape, or of one sample (1, sample shape…) scored against every row of the outputs.
  public func negativeLogLikelihood(outputs: Tensor, observations x: Tensor, logVariance: Tensor?) -> Tensor {
    let rows = outputs.shape[0], size = outputs.scalarCount / max(rows, 1)
    switch kind {
    case .bernoulli:
      let flat = outputs.reshaped(to: [rows, size]), targets = x.reshaped(to: [x.shape[0], size])
      let softplusSum = softplus(flat).sum(alongAxes: [1])
      guard targets.shape[0] == rows else {
        // One sample against many rows: Σⱼ xⱼ·oⱼ as a matrix-vector product.
        return softplusSum - matmul(flat, targets, transposeB: true).reshaped(to: [rows])
      }
      return softplusSum - (flat * targets).sum(alongAxes: [1])
    case .gaussian:
      let terms = gaussianTerms(outputs: outputs, observations: x, logVariance: logVariance).reshaped(to: [rows, size])
      return terms.sum(alongAxes: [1]) * 0.5 + 0.5 * Double(size) * GaussianPosterior.logTwoPi
    }
  }

  /// log σ² + (x − μ)²/σ², elementwise.
  private func gaussianTerms(outputs: Tensor, observations x: Tensor, logVariance: Tensor?) -> Tensor {
    guard let logVariance else { preconditionFailure("DecoderLikelihood: a Gaussian needs its log-variance") }
    return (x - mean(of: outputs)).squared() * exp(-logVariance) + logVariance
  }

  /// A line for reports: the distribution and its space.
  public func summary(variance: String?) -> String {
    let space = readsImages ? "pixels in [0, 1]" : "coordinates"
    switch kind {
    case .bernoulli: return "Bernoulli on \(space)"
    case .gaussian: return "Gaussian on \(space)" + (variance.map { ", \($0)" } ?? "")
    }
  }
}
