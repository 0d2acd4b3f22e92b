/// The mean and standard deviation of one figure over a row's seeds.
///
/// The standard deviation is the sample one, with n − 1 in the denominator (Bessel's correction,
/// numpy's `std(ddof=1)`): a handful of seeds estimates the spread of all seeds, and dividing by
/// n would understate it. One seed has no standard deviation.
public struct SeedStatistics: Equatable, Sendable {
  /// The values, in seed order.
  public let values: [Double]
  /// Their mean.
  public let mean: Double
  /// √(Σ (xᵢ − x̄)² / (n − 1)); `nil` for fewer than two values.
  public let standardDeviation: Double?

  /// Statistics of `values`; `nil` when there are none.
  public init?(_ values: [Double]) {
    guard !values.isEmpty else { return nil }
    self.values = values
    let n = Double(values.count)
    // Summed in seed order, so the same summaries always give the same bits.
    let mean = values.reduce(0, +) / n
    self.mean = mean
    standardDeviation = values.count < 2 ? nil : (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
  }

  /// "105.69 ± 0.05" with `digits` decimals; the mean alone for one seed.
  public func text(digits: Int) -> String {
    String(format: "%.\(digits)f", mean) + (standardDeviation.map { String(format: " ± %.\(digits)f", $0) } ?? "")
  }
}
