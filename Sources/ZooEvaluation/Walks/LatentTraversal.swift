/// A sweep of one latent coordinate: coordinate i of a base point set to `count` evenly spaced
/// values from `range.lowerBound` to `range.upperBound`, every other coordinate held.
///
/// The range comes from the generator's own noise (`ranges(of:)`): the central 95% of each
/// coordinate's values over many draws of `makeNoise`, so a walk stays where training put the
/// latent (±1.96 for N(0, 1) noise), whatever distribution a model draws from.
public struct LatentTraversal: Sendable, Equatable {
  /// i.
  public let coordinate: Int
  /// The values coordinate i takes.
  public let range: ClosedRange<Double>
  /// Points along the sweep (at least 2).
  public let count: Int

  public init(coordinate: Int, range: ClosedRange<Double>, count: Int) {
    precondition(coordinate >= 0, "LatentTraversal: negative coordinate \(coordinate)")
    precondition(count >= 2, "LatentTraversal: a sweep needs at least 2 points, got \(count)")
    self.coordinate = coordinate
    self.range = range
    self.count = count
  }

  /// The values of coordinate i, low to high.
  public var values: [Double] {
    (0..<count).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(count - 1) }
  }

  /// The sweep's points from `base`: `count` copies of it with coordinate i replaced.
  public func points(from base: [Double]) -> [[Double]] {
    precondition(coordinate < base.count, "LatentTraversal: coordinate \(coordinate) of a \(base.count)-coordinate latent")
    return values.map { value in
      var point = base
      point[coordinate] = value
      return point
    }
  }

  /// The share of each coordinate's values kept by `ranges(of:)`: the central 95%.
  public static let centralShare = 0.95

  /// For each of the L coordinates of `latent` (M rows of L values), the interval between its
  /// (1 − `centralShare`)/2 and (1 + `centralShare`)/2 quantiles.
  public static func ranges(of latent: [[Double]]) -> [ClosedRange<Double>] {
    guard let width = latent.first?.count else { return [] }
    let low = (1 - centralShare) / 2, high = (1 + centralShare) / 2
    return (0..<width).map { column in
      let sorted = latent.map { $0[column] }.sorted()
      return DistanceSummary.quantile(low, ofSorted: sorted)...DistanceSummary.quantile(high, ofSorted: sorted)
    }
  }
}
