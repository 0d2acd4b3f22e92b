/// The k nearest reference rows of each of N query rows, nearest first: their indices and
/// Euclidean distances, row-major (N·k entries each).
public struct NeighbourList: Sendable, Equatable {
  /// N, the query rows.
  public let queryCount: Int
  /// k.
  public let k: Int
  /// indices[i·k + r]: the reference row that is the (r + 1)-th nearest to query i.
  public let indices: [Int]
  /// squaredDistances[i·k + r]: ‖qᵢ − y‖² for that reference row y, exact to float64 rounding.
  public let squaredDistances: [Double]
  /// Query rows whose candidates could not be certified from the fast products and were
  /// searched again exactly against every reference (rare; for tests and curiosity).
  let exhaustiveRowCount: Int

  /// ‖qᵢ − y‖, the same entries as `squaredDistances`.
  public var distances: [Double] { squaredDistances.map { $0.squareRoot() } }

  /// The neighbours of query `i`, nearest first.
  public func neighbours(of i: Int) -> [(index: Int, distance: Double)] {
    (i * k..<(i + 1) * k).map { (indices[$0], squaredDistances[$0].squareRoot()) }
  }

  /// For every query, the distance to its `rank`-th nearest neighbour (1 = nearest).
  public func distances(atRank rank: Int) -> [Double] {
    squaredDistances(atRank: rank).map { $0.squareRoot() }
  }

  /// For every query, the squared distance to its `rank`-th nearest neighbour (1 = nearest).
  public func squaredDistances(atRank rank: Int) -> [Double] {
    precondition(rank >= 1 && rank <= k, "NeighbourList: rank \(rank) outside 1...\(k)")
    return (0..<queryCount).map { squaredDistances[$0 * k + rank - 1] }
  }
}
