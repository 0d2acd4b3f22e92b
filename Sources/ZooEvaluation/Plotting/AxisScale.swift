import Foundation

/// The shown range of one plot axis and its tick marks at "nice" values (1, 2 or 5 × 10ᵏ apart).
struct AxisScale {
  /// The lower end of the shown range.
  let lower: Double
  /// The upper end of the shown range.
  let upper: Double
  /// Tick positions inside `lower...upper`, ascending.
  let ticks: [Double]
  /// The tick spacing is m × 10^exponent with m in {1, 2, 5}; labels need −exponent decimals.
  private let exponent: Int

  /// A scale showing exactly `lower...upper`, with about `targetTickCount` ticks.
  init(lower: Double, upper: Double, targetTickCount: Int = 7) {
    var lower = lower, upper = upper
    if !(lower.isFinite && upper.isFinite) { (lower, upper) = (0, 1) }
    if lower > upper { swap(&lower, &upper) }
    // Keeps upper − lower finite; a range wider than this is unreadable anyway.
    (lower, upper) = (max(lower, -1e300), min(upper, 1e300))
    if upper - lower < 1e-12 * max(1, abs(lower)) {
      // A constant series still needs a visible band around it.
      let half = lower == 0 ? 1 : abs(lower) * 0.1
      (lower, upper) = (lower - half, upper + half)
    }
    self.lower = lower
    self.upper = upper

    let rawStep = (upper - lower) / Double(max(1, targetTickCount - 1))
    var exponent = Int(floor(log10(rawStep)))
    let fraction = rawStep / pow(10, Double(exponent))
    let mantissa: Double
    // Round to the nearest of 1, 2, 5, 10 on a log scale (cut points are geometric means).
    switch fraction {
    case ..<1.4142: mantissa = 1
    case ..<3.1623: mantissa = 2
    case ..<7.0711: mantissa = 5
    default:
      mantissa = 1
      exponent += 1
    }
    let step = mantissa * pow(10, Double(exponent))
    self.exponent = exponent
    // Ticks are integer multiples of the step, computed by multiplication so errors don't
    // accumulate; the epsilon keeps a tick that lands on an end of the range.
    let slack = step * 1e-9
    let first = Int((lower / step - 1e-9).rounded(.up)), last = Int((upper / step + 1e-9).rounded(.down))
    ticks = first <= last ? (first...last).map { Double($0) * step }.filter { $0 >= lower - slack && $0 <= upper + slack } : []
  }

  /// A scale covering the finite values in `values`, widened by `margin` of the span on each
  /// side (matplotlib uses 5 %).
  init(covering values: [Double], margin: Double = 0.05, targetTickCount: Int = 7) {
    let finite = values.filter(\.isFinite)
    guard let low = finite.min(), let high = finite.max() else {
      self.init(lower: 0, upper: 1, targetTickCount: targetTickCount)
      return
    }
    let pad = (high - low) * margin
    self.init(lower: low - pad, upper: high + pad, targetTickCount: targetTickCount)
  }

  /// The tick label for `value`: fixed-point with as many decimals as the step needs, or
  /// scientific notation when the numbers are very large or the step very small.
  func label(_ value: Double) -> String {
    let magnitude = max(abs(lower), abs(upper))
    if magnitude >= 1e5 || exponent < -4 {
      return String(format: "%.1e", value)
    }
    let decimals = max(0, -exponent)
    // Adding 0 turns −0.0 into 0.0, so the tick at zero never reads "-0".
    return String(format: "%.\(decimals)f", value + 0)
  }

  /// Where `value` falls along an axis of `length` pixels, as a fraction scaled to pixels
  /// (0 at `lower`, `length` at `upper`).
  func position(of value: Double, length: Int) -> Double {
    (value - lower) / (upper - lower) * Double(length)
  }
}
