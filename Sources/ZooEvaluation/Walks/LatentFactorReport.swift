/// How the latent coordinates of a generator of shapes relate to the factors the data was drawn
/// from (`LatentFactorMetric`).
public struct LatentFactorReport: Codable, Hashable, Sendable {
  /// The factor a coordinate moves most, and how much.
  public struct Coordinate: Codable, Hashable, Sendable {
    public var coordinate: Int
    /// Change in each factor, in `LatentFactorReport.factors` order: the factor's variation
    /// along the traversal over its variation in the data (0: untouched, 1: as varied as the
    /// whole dataset), averaged over the base points.
    public var changes: [Double]
    /// Σ of `changes`.
    public var total: Double
    /// The factor with the largest change, and its share of the total (1: the coordinate moves
    /// that factor alone; 1/6: all six alike); `nil` for a coordinate that changes nothing.
    public var strongest: String?
    public var selectivity: Double?
  }

  /// The coordinate that moves a factor most, and the runner-up.
  public struct Factor: Codable, Hashable, Sendable {
    public var factor: String
    public var coordinate: Int
    public var change: Double
    public var runnerUp: Int?
    public var runnerUpChange: Double?
  }

  /// The factors' names, in the order of every `changes` array.
  public var factors: [String]
  /// Every coordinate of the walked latent, in order.
  public var coordinates: [Coordinate]
  /// One entry per factor.
  public var strongestCoordinates: [Factor]
  /// The selectivities of the coordinates weighted by their total change: near 1 when each
  /// coordinate that matters moves one factor (a disentangled latent), near 1/6 when every
  /// coordinate moves everything.
  public var meanSelectivity: Double
  /// The traversals behind the figures: base points per coordinate and frames per traversal.
  public var baseCount: Int
  public var frameCount: Int
  /// The estimator: real shapes searched, neighbours per estimate, and how well it recovers
  /// fresh real shapes (class accuracy, mean absolute position and scale errors).
  public var referenceCount: Int
  public var k: Int
  public var estimatorClassAccuracy: Double
  public var estimatorPositionError: Double
  public var estimatorScaleError: Double
}
