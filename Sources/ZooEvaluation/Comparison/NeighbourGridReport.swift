/// The rows of the nearest-neighbour grids: which samples, which training images nearest to each,
/// at what distance.
public struct NeighbourGridReport: Codable, Hashable, Sendable {
  /// One row of a grid.
  public struct Row: Codable, Hashable, Sendable {
    /// The sample's index among the comparison's samples.
    public var sample: Int
    /// Why it is shown: `random` (the first samples drawn) or `closest` (the samples nearest
    /// to any training image, the likeliest copies).
    public var choice: String
    /// Its k nearest training images (indices into the training split), nearest first, and
    /// their Euclidean distances.
    public var neighbours: [Int]
    public var distances: [Double]
  }

  /// k.
  public var k: Int
  /// The rows of each space's grid.
  public var rows: FeatureSpaceReports<[Row]>
  /// The figures' file names.
  public var figures: [String]
}
