/// Density and coverage, with the neighbourhood size and set sizes behind them.
public struct DensityCoverageReport: Codable, Hashable, Sendable {
  /// The mean number of real balls holding a generated sample, over k (1 when real and
  /// generated samples come from one distribution; can exceed 1).
  public var density: Double
  /// The share of real balls holding at least one generated sample, in [0, 1].
  public var coverage: Double
  /// k of the k-th neighbour radii.
  public var k: Int
  /// N, M, D.
  public var realCount: Int
  public var fakeCount: Int
  public var dimension: Int
}
