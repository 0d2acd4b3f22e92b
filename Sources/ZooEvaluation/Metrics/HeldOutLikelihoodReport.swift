import Foundation

/// A likelihood model's figures on held-out data (`HeldOutLikelihoodMetric`), in nats per sample.
public struct HeldOutLikelihoodReport: Codable, Hashable, Sendable {
  /// A mean over samples and its standard error, std/√n.
  public struct Estimate: Codable, Hashable, Sendable {
    public var mean: Double
    public var standardError: Double

    public init(mean: Double, standardError: Double) {
      self.mean = mean
      self.standardError = standardError
    }

    /// The mean of `values` and its standard error (sample standard deviation over √n).
    public init(_ values: [Double]) {
      let n = Double(values.count), mean = values.reduce(0, +) / max(n, 1)
      let variance = values.count > 1 ? values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1) : 0
      self.init(mean: mean, standardError: (variance / max(n, 1)).squareRoot())
    }
  }

  /// A term of the bound by name.
  public struct Term: Codable, Hashable, Sendable {
    public var name: String
    public var estimate: Estimate
  }

  /// What the held-out samples are ("mnist test split").
  public var split: String
  /// The likelihood's distribution and space ("Bernoulli on pixels in [0, 1]").
  public var likelihood: String
  /// M, held-out samples the bound averages over.
  public var sampleCount: Int
  /// −L(x) and its parts, the bound first ("negative_elbo", "reconstruction", "kl").
  public var bound: [Term]
  /// k.
  public var importanceSamples: Int
  /// N, the first held-out samples the estimate averages over.
  public var importanceSampledCount: Int
  /// −log p(x) estimated with k importance samples (Burda et al. 2016), the figure of their
  /// Table 1.
  public var negativeLogLikelihood: Estimate
  /// −L(x) of the same N samples, which the estimate should not exceed.
  public var negativeBoundOfImportanceSampled: Estimate

  /// Two lines for the terminal.
  public var summary: [String] {
    func format(_ e: Estimate) -> String { String(format: "%.2f ± %.2f", e.mean, e.standardError) }
    let parts = bound.dropFirst().map { "\($0.name.replacingOccurrences(of: "_", with: " ")) \(String(format: "%.2f", $0.estimate.mean))" }
    let first = bound.first.map { "\($0.name.replacingOccurrences(of: "_", with: " ")) \(format($0.estimate)) nats" } ?? "no bound"
    return [
      "held-out \(first) (\(parts.joined(separator: ", "))) on \(sampleCount) samples of the \(split); \(likelihood)",
      "held-out −log p(x) \(format(negativeLogLikelihood)) nats, k = \(importanceSamples) importance samples on the first \(importanceSampledCount) (their \(bound.first?.name.replacingOccurrences(of: "_", with: " ") ?? "bound") \(String(format: "%.2f", negativeBoundOfImportanceSampled.mean)))",
    ]
  }
}
