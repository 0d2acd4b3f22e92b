/// The distribution of a set of distances in a few numbers: mean and quantiles.
///
/// Quantiles interpolate linearly between order statistics, as `numpy.percentile`'s default: the
/// q-quantile of sorted v₀ ≤ … ≤ v_{n−1} is v_⌊h⌋ + (h − ⌊h⌋)(v_⌊h⌋₊₁ − v_⌊h⌋) with h = q (n − 1).
public struct DistanceSummary: Codable, Hashable, Sendable {
  public var count: Int
  public var mean: Double
  public var minimum: Double
  /// The 1st, 5th, 25th, 50th (median), 75th and 95th percentiles.
  public var percentile1: Double
  public var percentile5: Double
  public var percentile25: Double
  public var median: Double
  public var percentile75: Double
  public var percentile95: Double
  public var maximum: Double

  /// The summary of `values` (at least one).
  public init(_ values: [Double]) {
    precondition(!values.isEmpty, "DistanceSummary: needs at least one value")
    let sorted = values.sorted()
    func quantile(_ q: Double) -> Double { Self.quantile(q, ofSorted: sorted) }
    count = values.count
    mean = values.reduce(0, +) / Double(values.count)
    minimum = sorted[0]
    percentile1 = quantile(0.01)
    percentile5 = quantile(0.05)
    percentile25 = quantile(0.25)
    median = quantile(0.5)
    percentile75 = quantile(0.75)
    percentile95 = quantile(0.95)
    maximum = sorted[sorted.count - 1]
  }

  /// The q-quantile (q in [0, 1]) of ascending `sorted`, interpolated linearly.
  public static func quantile(_ q: Double, ofSorted sorted: [Double]) -> Double {
    let h = q * Double(sorted.count - 1)
    let low = Int(h.rounded(.down)), high = min(low + 1, sorted.count - 1)
    return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
  }
}
