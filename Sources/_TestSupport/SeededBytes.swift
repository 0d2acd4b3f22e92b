import TensorBackend

/// The tensor backend's SplitMix64 as a source of bytes, so fuzzing inputs are the same on every
/// run.
public struct SeededBytes: RandomNumberGenerator {
  private var generator: SplitMix64

  public init(seed: UInt64) { generator = SplitMix64(seed: seed) }

  public mutating func next() -> UInt64 { generator.next() }

  /// `count` random bytes.
  public mutating func bytes(_ count: Int) -> [UInt8] {
    (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) }
  }
}
