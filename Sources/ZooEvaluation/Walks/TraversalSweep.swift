import TensorBackend
import ZooCore

/// Every latent coordinate swept from a few base points: the images of L coordinates × B bases ×
/// F values, drawn once for the measures that read traversals (how much each coordinate changes
/// the image, and which known factors it changes).
///
/// Base b is row b of `baseNoise`; for a conditional generator it is drawn as class b mod K, so
/// the bases cover the classes.
public struct TraversalSweep {
  /// L, B, F.
  public let coordinateCount: Int
  public let baseCount: Int
  public let frameCount: Int
  /// The range each coordinate is swept over (`LatentTraversal.ranges`).
  public let ranges: [ClosedRange<Double>]
  /// (L·B·F, sample shape…), coordinate-major, then base, then frame.
  public let images: Tensor

  /// Coordinates drawn per forward pass, so progress shows and memory stays bounded.
  static let coordinatesPerChunk = 8

  /// Draws the sweep.
  ///
  /// - Parameters:
  ///   - baseNoise: B rows of the generator's noise; their walked latents are the base points.
  ///   - ranges: one per coordinate of the walked latent.
  ///   - classCount: K of a conditional generator, else `nil`.
  ///   - progress: (coordinates done, L).
  public init(
    generator: any Generator, baseNoise: Tensor, ranges: [ClosedRange<Double>], frameCount: Int, classCount: Int?,
    using random: inout SplitMix64, progress: ((Int, Int) -> Void)? = nil
  ) {
    let bases = LatentWalk.latentRows(of: baseNoise, generator: generator)
    precondition(bases.first?.count == ranges.count, "TraversalSweep: \(ranges.count) ranges for a \(bases.first?.count ?? 0)-coordinate latent")
    coordinateCount = ranges.count
    baseCount = bases.count
    self.frameCount = frameCount
    self.ranges = ranges
    var parts: [Tensor] = []
    for start in stride(from: 0, to: ranges.count, by: Self.coordinatesPerChunk) {
      let walks = (start..<min(start + Self.coordinatesPerChunk, ranges.count)).flatMap { coordinate in
        bases.indices.map { b in
          LatentWalk(
            points: LatentTraversal(coordinate: coordinate, range: ranges[coordinate], count: frameCount).points(from: bases[b]),
            baseRow: b, label: classCount.map { b % $0 })
        }
      }
      parts.append(LatentWalk.draw(walks, from: generator, baseNoise: baseNoise, using: &random))
      progress?(min(start + Self.coordinatesPerChunk, ranges.count), ranges.count)
    }
    images = Tensor.concatenate(parts, alongAxis: 0)
  }

  /// The row of `images` of coordinate i, base b, frame t.
  public func index(coordinate: Int, base: Int, frame: Int) -> Int {
    (coordinate * baseCount + base) * frameCount + frame
  }

  /// For each coordinate, how far the image travels along its sweep: Σₜ RMS(x_{t+1} − x_t) over
  /// the F − 1 steps, in pixels on [0, 1], averaged over the bases. 0 for a coordinate the
  /// generator ignores; about 2 × the RMS distance between two images for one that changes
  /// everything.
  public func pathLengths() -> [Double] {
    let size = images.scalarCount / max(1, images.shape[0]), values = images.floats
    return (0..<coordinateCount).map { coordinate in
      var total = 0.0
      for base in 0..<baseCount {
        for frame in 0..<(frameCount - 1) {
          let a = index(coordinate: coordinate, base: base, frame: frame) * size
          total += Self.rootMeanSquare(values, a, a + size, size)
        }
      }
      return total / Double(baseCount)
    }
  }

  /// RMS of the difference between `values[a..<a+n]` and `values[b..<b+n]`, with [−1, 1] read
  /// as pixels on [0, 1] (half the difference).
  static func rootMeanSquare(_ values: [Float], _ a: Int, _ b: Int, _ n: Int) -> Double {
    var sum = 0.0
    for k in 0..<n {
      let d = Double(values[a + k] - values[b + k]) / 2
      sum += d * d
    }
    return (sum / Double(n)).squareRoot()
  }
}
