/// A seeded, portable random generator (Steele, Lea & Flood 2014, "Fast splittable pseudorandom
/// number generators"): the same seed gives the same bits on every machine. Its whole state is
/// one `UInt64`, which a checkpoint stores so a resumed run draws the same numbers.
public struct SplitMix64: RandomNumberGenerator, Codable, Sendable, Equatable {
  public var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// An independent generator derived from this one (for a worker, a dataset, a layer).
  public mutating func split() -> SplitMix64 { SplitMix64(seed: next()) }
}

extension RandomNumberGenerator {
  /// Uniform in [0, 1) with 53 random bits.
  @inline(__always)
  public mutating func nextUnitInterval() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A pair of independent standard normal draws (Box–Muller).
  @inline(__always)
  public mutating func nextNormalPair() -> (Double, Double) {
    let u1 = 1 - nextUnitInterval()  // (0, 1]: log is finite
    let u2 = nextUnitInterval()
    let r = (-2 * _log(u1)).squareRoot()
    let theta = 2 * Double.pi * u2
    return (r * _cos(theta), r * _sin(theta))
  }
}

#if canImport(Glibc)
import Glibc
@inline(__always) func _log(_ x: Double) -> Double { Glibc.log(x) }
@inline(__always) func _cos(_ x: Double) -> Double { Glibc.cos(x) }
@inline(__always) func _sin(_ x: Double) -> Double { Glibc.sin(x) }
#endif
