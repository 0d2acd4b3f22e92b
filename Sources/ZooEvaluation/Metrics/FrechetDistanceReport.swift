/// A Fréchet distance and its two parts, with the sizes it was computed from.
public struct FrechetDistanceReport: Codable, Hashable, Sendable {
  /// d² = `squaredMeanDifference` + `covarianceTerm` (what FID tables report).
  public var distance: Double
  /// ‖μ₁ − μ₂‖².
  public var squaredMeanDifference: Double
  /// tr Σ₁ + tr Σ₂ − 2 tr √(Σ₁Σ₂).
  public var covarianceTerm: Double
  /// N₁, the real samples.
  public var realCount: Int
  /// N₂, the generated samples.
  public var fakeCount: Int
  /// D.
  public var dimension: Int
}
