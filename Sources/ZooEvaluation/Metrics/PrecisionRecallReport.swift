/// Improved precision and recall, with the neighbourhood size and set sizes behind them.
public struct PrecisionRecallReport: Codable, Hashable, Sendable {
  /// The share of generated samples inside the real manifold, in [0, 1].
  public var precision: Double
  /// The share of real samples inside the generated manifold, in [0, 1].
  public var recall: Double
  /// k of the k-th neighbour radii.
  public var k: Int
  /// N, M, D.
  public var realCount: Int
  public var fakeCount: Int
  public var dimension: Int
}
