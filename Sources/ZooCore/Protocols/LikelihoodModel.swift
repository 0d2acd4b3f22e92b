import TensorBackend

/// A model that gives its data a likelihood p(x), so a run can report on held-out data what a
/// GAN cannot: a bound on log p(x) per sample and an estimate of log p(x) itself. A trainer whose
/// model has one says so through `Trainer.likelihoodModel`; the run layer then logs the bound on
/// held-out data after every epoch and evaluates both figures at the end, for any such model.
///
/// Every figure is in nats per sample, summed over the sample's scalars (pixels or coordinates),
/// the convention of Kingma & Welling 2014 and Burda et al. 2016, and is computed in inference
/// mode without recording gradients. Samples are handed in the data's own range ([−1, 1] for
/// images); the model maps them to the space its likelihood is defined on and says which in
/// `likelihoodSummary`.
public protocol LikelihoodModel: AnyObject {
  /// What the likelihood is a density of, for reports ("Bernoulli on pixels in [0, 1]").
  var likelihoodSummary: String { get }
  /// How the model's runs estimate log p(x): k importance samples on how many held-out samples.
  var likelihoodEvaluation: LikelihoodEvaluation { get }
  /// The names of `negativeBound`'s terms, in its order: the bound first, then the parts that
  /// add up to it (a VAE's "negative_elbo", "reconstruction", "kl").
  var boundTermNames: [String] { get }

  /// −L(x) ≥ −log p(x) for each of `samples` (N, sample shape…), and its parts: one array of N
  /// values per name of `boundTermNames`, in that order. Any random draw (a posterior sample per
  /// input) comes from `generator`.
  func negativeBound(of samples: Tensor, using generator: inout SplitMix64) -> [[Double]]

  /// An estimate of log p(x) for each of `samples` (N values) from k importance samples,
  /// log (1/k) Σᵢ p(x, zᵢ) / q(zᵢ | x) (Burda et al. 2016, eq. 8): a lower bound in expectation
  /// that tightens as k grows and equals log p(x) when q is the exact posterior.
  func importanceWeightedLogLikelihood(of samples: Tensor, importanceSamples k: Int, using generator: inout SplitMix64) -> [Double]

  /// `samples` encoded and decoded, in the data's range and shape, for a model with an encoder;
  /// `nil` for one without.
  func reconstructions(of samples: Tensor, using generator: inout SplitMix64) -> Tensor?
}

extension LikelihoodModel {
  public func reconstructions(of samples: Tensor, using generator: inout SplitMix64) -> Tensor? { nil }
}

/// How a likelihood model's runs estimate log p(x) on held-out data: k importance samples per
/// sample (Burda et al. 2016 report k = 5,000) on the first `sampleCount` held-out samples. The
/// bound is evaluated on every held-out sample.
public struct LikelihoodEvaluation: Codable, Sendable, Equatable {
  /// k, importance samples per held-out sample.
  public var importanceSamples: Int
  /// Held-out samples the estimate averages over (the first ones of the held-out set).
  public var sampleCount: Int

  public init(importanceSamples: Int, sampleCount: Int) {
    self.importanceSamples = importanceSamples
    self.sampleCount = sampleCount
  }
}
