/// A kernel distance: the mean and spread of MMD²ᵤ over subsets, and how it was drawn.
public struct KernelDistanceReport: Codable, Hashable, Sendable {
  /// The mean of MMD²ᵤ over the subsets (what KID tables report).
  public var mean: Double
  /// Its population standard deviation over the subsets (0 for one subset).
  public var standardDeviation: Double
  /// Pairs of subsets.
  public var subsetCount: Int
  /// Samples per subset.
  public var subsetSize: Int
  /// The seed of the draws.
  public var seed: UInt64
  /// N₁, N₂, D.
  public var realCount: Int
  public var fakeCount: Int
  public var dimension: Int
}
