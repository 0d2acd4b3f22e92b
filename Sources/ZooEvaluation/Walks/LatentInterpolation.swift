import Foundation

/// A path between two latent points a and b, t running from 0 (a) to 1 (b).
///
/// - `linear`: z(t) = (1 − t) a + t b.
/// - `spherical` (slerp; Shoemake 1985, for latent spaces White 2016, "Sampling Generative
///   Networks"): with Ω the angle between a and b, cos Ω = a·b / (‖a‖ ‖b‖),
///
///       z(t) = sin((1 − t) Ω) / sin Ω · a + sin(t Ω) / sin Ω · b,
///
///   the arc of the great circle through a and b when ‖a‖ = ‖b‖, every point of which has that
///   norm. Why it matters: a Gaussian latent z ~ N(0, I_Z) lies near the sphere of radius √Z
///   for large Z, so the linear midpoint of two samples, of norm about √(Z/2), is a point the
///   generator almost never saw in training; the spherical path stays where the samples are.
///
/// Numerical trap: for nearly parallel or antiparallel a and b, sin Ω → 0 and the plane of the
/// arc is undefined; below `parallelTolerance` the linear path is used (the arc's limit for
/// parallel points; antiparallel points have no single arc).
public enum LatentInterpolation: String, CaseIterable, Codable, Sendable {
  case linear
  case spherical

  /// |sin Ω| below which the spherical path falls back to the linear one.
  public static let parallelTolerance = 1e-6

  /// z(t).
  public func point(from a: [Double], to b: [Double], at t: Double) -> [Double] {
    precondition(a.count == b.count, "LatentInterpolation: endpoints of \(a.count) and \(b.count) coordinates")
    switch self {
    case .linear:
      return zip(a, b).map { (1 - t) * $0 + t * $1 }
    case .spherical:
      let normA = Self.norm(a), normB = Self.norm(b)
      guard normA > 0, normB > 0 else { return Self.linear.point(from: a, to: b, at: t) }
      let cosine = min(1, max(-1, zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } / (normA * normB)))
      let omega = acos(cosine), sine = sin(omega)
      guard abs(sine) >= Self.parallelTolerance else { return Self.linear.point(from: a, to: b, at: t) }
      let wa = sin((1 - t) * omega) / sine, wb = sin(t * omega) / sine
      return zip(a, b).map { wa * $0 + wb * $1 }
    }
  }

  /// `count` points (at least 2) at t = 0, 1/(count − 1), …, 1: a first, b last, exactly.
  public func points(from a: [Double], to b: [Double], count: Int) -> [[Double]] {
    precondition(count >= 2, "LatentInterpolation: a path needs at least 2 points, got \(count)")
    return (0..<count).map { index in
      index == 0 ? a : index == count - 1 ? b : point(from: a, to: b, at: Double(index) / Double(count - 1))
    }
  }

  /// ‖v‖.
  static func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
}
