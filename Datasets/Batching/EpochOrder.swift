import TensorBackend

/// The order a finite dataset of N samples is visited in: epoch after epoch, each a permutation
/// of 0..<N that depends on nothing but the order's seed and the epoch's index.
///
/// The k-th sample handed out is therefore a function of k alone (epoch k / N, position k mod N),
/// so a run resumed after k samples continues exactly where it stopped (`seek(toSample:)`),
/// and a batch that straddles two epochs takes the end of one and the start of the next.
public struct EpochOrder: Sendable {
  /// N.
  public let count: Int
  /// The seed every epoch's permutation derives from.
  public let seed: UInt64
  /// Whether epochs are shuffled; in file order otherwise.
  public let shuffled: Bool
  /// Samples handed out so far.
  public private(set) var position: Int = 0

  private var cachedEpoch = -1
  private var permutation: [Int] = []

  public init(count: Int, seed: UInt64, shuffled: Bool = true) {
    precondition(count > 0, "EpochOrder: a dataset needs at least one sample")
    self.count = count
    self.seed = seed
    self.shuffled = shuffled
  }

  /// The epoch the next sample belongs to.
  public var epoch: Int { position / count }

  /// The indices of the next `size` samples.
  public mutating func next(_ size: Int) -> [Int] {
    precondition(size >= 0, "EpochOrder.next: negative size \(size)")
    var indices: [Int] = []
    indices.reserveCapacity(size)
    while indices.count < size {
      let epoch = position / count, offset = position % count
      if epoch != cachedEpoch {
        permutation = shuffled ? Self.permutation(count: count, seed: seed, epoch: epoch) : Array(0..<count)
        cachedEpoch = epoch
      }
      let take = min(size - indices.count, count - offset)
      indices += permutation[offset..<(offset + take)]
      position += take
    }
    return indices
  }

  /// Moves to where the order stood after handing out `samples` samples.
  public mutating func seek(toSample samples: Int) {
    precondition(samples >= 0, "EpochOrder.seek: negative sample count \(samples)")
    position = samples
  }

  /// Epoch `epoch`'s permutation of 0..<`count`: a Fisher–Yates shuffle driven by a SplitMix64
  /// whose seed mixes `seed` and `epoch`. Indices are drawn by multiplying a 64-bit draw by the
  /// bound and keeping the high word; its bias, below bound / 2^64, is immaterial here, and it
  /// keeps the stream fixed by this file rather than by the standard library.
  public static func permutation(count: Int, seed: UInt64, epoch: Int) -> [Int] {
    var mixer = SplitMix64(seed: seed ^ (UInt64(truncatingIfNeeded: epoch) &* 0xD1B5_4A32_D192_ED03))
    var generator = SplitMix64(seed: mixer.next())
    var result = Array(0..<count)
    result.withUnsafeMutableBufferPointer { values in
      var i = count - 1
      while i > 0 {
        let j = Int(generator.next().multipliedFullWidth(by: UInt64(i + 1)).high)
        values.swapAt(i, j)
        i -= 1
      }
    }
    return result
  }
}
