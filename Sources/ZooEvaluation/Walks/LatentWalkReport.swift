/// What the latent walks show, beside the pictures: the walks' geometry in the latent space, how
/// far the images travel along them, and how much each latent coordinate changes the image.
public struct LatentWalkReport: Codable, Hashable, Sendable {
  /// L, the coordinates walked (the generator's `walkedLatent`).
  public var latentDimension: Int
  /// Points per walk.
  public var frameCount: Int
  /// Pairs of endpoints interpolated between.
  public var interpolationCount: Int
  /// The classes every walk was drawn under (a conditional generator), else `nil`.
  public var classes: [Int]?
  /// The mean norm ‖z‖ of the endpoints, and of the linear and spherical midpoints (t = ½): the
  /// linear midpoint of two Gaussian points is shorter by about 1/√2.
  public var endpointNorm: Double
  public var linearMidpointNorm: Double
  public var sphericalMidpointNorm: Double
  /// How far the images travel along each kind of interpolation: Σₜ RMS(x_{t+1} − x_t), pixels
  /// on [0, 1], averaged over the walks.
  public var linearPathLength: Double
  public var sphericalPathLength: Double
  /// For every coordinate i, the same path length along its traversal (`TraversalSweep`),
  /// averaged over `traversalBaseCount` base points.
  public var coordinatePathLengths: [Double]
  public var traversalBaseCount: Int
  /// The range of coordinate 0's sweep (every coordinate's is its own central 95%).
  public var traversalRange: [Double]
  /// The coordinates in the traversal figure, the most changing first.
  public var traversedCoordinates: [Int]
  /// The figures' file names.
  public var figures: [String]
}
