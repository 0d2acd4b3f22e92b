/// A Parzen-window log-likelihood, the σ it was chosen with, and the sizes behind it.
public struct ParzenWindowReport: Codable, Hashable, Sendable {
  /// The mean log density of the test points, in nats (Goodfellow et al. 2014, Table 1).
  public var logLikelihood: Double
  /// Its standard error, std / √n.
  public var standardError: Double
  /// The window width chosen on the validation points.
  public var sigma: Double
  /// The widths tried.
  public var sigmaGrid: [Double]
  /// The mean validation log density for each width tried.
  public var validationLogLikelihoods: [Double]
  /// M, the samples the window sits on; the validation and test points; D.
  public var sampleCount: Int
  public var validationCount: Int
  public var testCount: Int
  public var dimension: Int
}
