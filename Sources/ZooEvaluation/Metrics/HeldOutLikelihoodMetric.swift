import TensorBackend
import ZooCore

/// The held-out likelihood of a likelihood model (a VAE), what a GAN cannot report: on every
/// held-out sample the negative bound −L(x) ≥ −log p(x) and its parts (one posterior draw per
/// sample), and on the first N of them −log p(x) estimated with k importance samples (Burda et
/// al. 2016, eq. 8; their Table 1 reports k = 5,000), with the bound of the same N beside it.
/// Nats per sample, summed over its scalars; means with their standard errors std/√n.
///
/// The metric holds the held-out samples (MNIST's test split, a fixed draw of procedural data)
/// and asks the subject's likelihood model for the figures; k and N are the model's
/// (`LikelihoodModel.likelihoodEvaluation`). It has no bar.
public struct HeldOutLikelihoodMetric: SampleMetric {
  /// Held-out samples per pass of the bound.
  public static let chunkSize = 500

  /// The held-out samples (M, sample shape…), in the data's range.
  public let samples: Tensor
  /// What they are, for reports ("mnist test split").
  public let split: String
  /// The seed of every draw (posterior samples, binarisation).
  public let seed: UInt64

  public init(samples: Tensor, split: String, seed: UInt64) {
    self.samples = samples
    self.split = split
    self.seed = seed
  }

  public var key: String { "held-out-likelihood" }

  public func evaluate(_ subject: EvaluationSubject) throws -> HeldOutLikelihoodReport {
    guard let model = subject.likelihoodModel else {
      throw MetricError.invalidParameter(metric: key, problem: "the model has no likelihood (a GAN); only a likelihood model such as vae is judged by it")
    }
    let settings = model.likelihoodEvaluation
    let count = samples.shape[0], importanceSampled = min(settings.sampleCount, count)
    guard count >= 2 else {
      throw MetricError.tooFewSamples(metric: key, set: "held-out", count: count, needed: 2, reason: "a mean and its standard error")
    }
    let bound = Self.negativeBound(of: model, on: samples, seed: seed)
    var generator = SplitMix64(seed: seed ^ 0x1_3A5E)
    var logLikelihoods: [Double] = []
    for start in stride(from: 0, to: importanceSampled, by: Self.chunkSize) {
      let chunk = samples.sliced(alongAxis: 0, start..<min(start + Self.chunkSize, importanceSampled))
      logLikelihoods += model.importanceWeightedLogLikelihood(of: chunk, importanceSamples: settings.importanceSamples, using: &generator)
    }
    return HeldOutLikelihoodReport(
      split: split, likelihood: model.likelihoodSummary, sampleCount: count,
      bound: zip(model.boundTermNames, bound).map { HeldOutLikelihoodReport.Term(name: $0, estimate: .init($1)) },
      importanceSamples: settings.importanceSamples, importanceSampledCount: importanceSampled,
      negativeLogLikelihood: .init(logLikelihoods.map { -$0 }),
      negativeBoundOfImportanceSampled: .init(Array(bound[0].prefix(importanceSampled))))
  }

  /// The model's negative bound and its parts on `samples`, `chunkSize` at a time, with draws
  /// from `seed`: one array of M values per `boundTermNames` entry. The same seed gives the same
  /// figures, so a run's per-epoch log and its final metrics agree on the last step.
  public static func negativeBound(of model: any LikelihoodModel, on samples: Tensor, seed: UInt64) -> [[Double]] {
    var generator = SplitMix64(seed: seed)
    var terms = [[Double]](repeating: [], count: model.boundTermNames.count)
    for start in stride(from: 0, to: samples.shape[0], by: chunkSize) {
      let chunk = samples.sliced(alongAxis: 0, start..<min(start + chunkSize, samples.shape[0]))
      for (index, values) in model.negativeBound(of: chunk, using: &generator).enumerated() { terms[index] += values }
    }
    return terms
  }

  public func summary(of report: HeldOutLikelihoodReport) -> [String] { report.summary }

  public func shortfalls(of report: HeldOutLikelihoodReport) -> [String] {
    report.negativeLogLikelihood.mean.isFinite && report.bound.allSatisfy({ $0.estimate.mean.isFinite })
      ? [] : ["the held-out likelihood is not finite"]
  }
}
