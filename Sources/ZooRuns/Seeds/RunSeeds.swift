import TensorBackend

/// Every random stream of a run, all derived from its one seed here and nowhere else.
///
/// Training's streams are split off the seed: changing how one is used (say, more snapshot
/// samples) leaves the others, and so training, untouched. The evaluation seeds are fixed offsets
/// from the seed, the values runs have been evaluated with since the zoo began, so a run's
/// figures stay what they were; a metric added later takes a stream of its own from `metric(_:)`.
/// Every process of a data-parallel run derives the same streams, so each draws the noise of the
/// whole global batch alike and takes its slice.
public struct RunSeeds: Sendable {
  /// The run's seed (`--seed`).
  public let seed: UInt64
  /// Draws the networks' initial weights.
  public let initialization: SplitMix64
  /// Every draw of training: batches, noise, dropout, penalties.
  public let training: SplitMix64
  /// The fixed noise of sample snapshots.
  public let snapshots: SplitMix64
  /// The seed of a finite dataset's epoch orders (its state is the seed).
  public let data: SplitMix64

  public init(_ seed: UInt64) {
    self.seed = seed
    var root = SplitMix64(seed: seed)
    initialization = root.split()
    training = root.split()
    snapshots = root.split()
    data = root.split()
  }

  /// The noise of the final samples (samples.png) and of mode coverage, the same 2,500 points.
  public var evaluationSamples: UInt64 { seed &+ 0xE7A1 }
  /// The noise of the 10,000 samples the reference classifier judges.
  public var classifierJudgement: UInt64 { seed &+ 0xC1A5 }
  /// The random labels of the classifier's label control.
  public var labelControl: UInt64 { classifierJudgement &+ 1 }
  /// Real samples drawn from the data for pictures.
  public var realSamples: UInt64 { seed &+ 0x5EED }

  /// The noise of the samples the comparison metrics share (Fréchet and kernel distances,
  /// precision/recall, density/coverage, memorisation, data copying, Parzen window, the
  /// nearest-neighbour grids): drawn once, measured by all.
  public var comparisonSamples: UInt64 { metric("comparison-samples") }
  /// The training images drawn as the comparison metrics' floor.
  public var comparisonFloor: UInt64 { metric("comparison-floor") }
  /// The subsets of the kernel distance.
  public var kernelDistanceSubsets: UInt64 { metric("kernel-distance") }
  /// The k-means partition of the data-copying test.
  public var dataCopyingPartition: UInt64 { metric("data-copying") }
  /// The endpoints, bases and ranges of the latent walks.
  public var latentWalks: UInt64 { metric("latent-walks") }
  /// The real shapes, bases and ranges of the latent factors.
  public var latentFactors: UInt64 { metric("latent-factors") }

  /// The seed of a metric's own samples, by its key: split off a generator seeded from the run's
  /// seed and the key, so each metric's draws are its own and fixed.
  public func metric(_ key: String) -> UInt64 {
    // FNV-1a: a stable hash (Swift's `hashValue` changes between processes).
    let hash = key.utf8.reduce(UInt64(0xCBF2_9CE4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    var generator = SplitMix64(seed: seed ^ hash)
    return generator.next()
  }
}
