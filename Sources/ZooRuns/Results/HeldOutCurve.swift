/// A likelihood model's bound on held-out data as it trained: the `test_<term>` columns of a
/// run's losses.csv (`HeldOutBoundLog`), kept in its summary so that RESULTS.md can show the
/// figure after every epoch without the run directory.
public struct HeldOutCurve: Codable, Equatable, Sendable {
  /// One measurement.
  public struct Point: Codable, Equatable, Sendable {
    public var step: Int
    public var imagesSeen: Int
    /// One value per term, in `terms` order.
    public var values: [Double]

    public init(step: Int, imagesSeen: Int, values: [Double]) {
      self.step = step
      self.imagesSeen = imagesSeen
      self.values = values
    }
  }

  /// The terms without their `test_` prefix ("negative_elbo", "reconstruction", "kl").
  public var terms: [String]
  public var points: [Point]
  /// Training samples per epoch; `nil` for data drawn afresh.
  public var epochSize: Int?

  public init(terms: [String], points: [Point], epochSize: Int?) {
    self.terms = terms
    self.points = points
    self.epochSize = epochSize
  }

  /// The epochs completed at each point (`nil` without epochs).
  public var epochs: [Int]? {
    guard let epochSize, epochSize > 0 else { return nil }
    return points.map { $0.imagesSeen / epochSize }
  }

  /// The prefix of a held-out column in a loss log.
  public static let columnPrefix = "test_"

  /// The held-out columns of `log` at the steps that measured them; `nil` when the log has no
  /// such column (a GAN) or no measurement.
  public init?(_ log: LossLog.Contents, epochSize: Int?) {
    let indices = log.columns.indices.filter { log.columns[$0].hasPrefix(Self.columnPrefix) }
    guard !indices.isEmpty, let step = log.columns.firstIndex(of: "step"), let seen = log.columns.firstIndex(of: "images_seen") else {
      return nil
    }
    let points = log.rows.compactMap { row -> Point? in
      let values = indices.map { $0 < row.count ? row[$0] : .nan }
      guard values.contains(where: { !$0.isNaN }), step < row.count, seen < row.count else { return nil }
      return Point(step: Int(row[step]), imagesSeen: Int(row[seen]), values: values)
    }
    guard !points.isEmpty else { return nil }
    self.init(terms: indices.map { String(log.columns[$0].dropFirst(Self.columnPrefix.count)) }, points: points, epochSize: epochSize)
  }
}
