import Foundation
import TensorBackend
import ZooCore

/// Latent walks of any generator of images: interpolations between pairs of latent points,
/// linear and spherical (`LatentInterpolation`), and traversals of single latent coordinates
/// (`LatentTraversal`), drawn as figures; for a conditional generator each walk is drawn under
/// every class. The walks move the part of the noise `Generator.walkedLatent` names (the whole
/// vector of a GAN or a VAE's prior, the coarsest latent of a composite generator) and hold the
/// rest fixed.
///
/// A latent space where the generator learned smooth factors shows gradual changes along a walk
/// (Radford et al. 2015, section 6.1: "walking in the latent space"); sharp jumps mean memorised
/// pieces. Figures: walk-linear.png, walk-spherical.png (one walk per row, endpoints in the first
/// and last columns) and walk-traversal.png (one coordinate per row, swept over its central 95%,
/// the coordinates that change the image most first).
public struct LatentWalkMetric: SampleMetric {
  /// The seed of every draw: endpoints, traversal bases, the ranges' noise.
  public let seed: UInt64
  /// The classes' names in label order, for row labels (conditional generators).
  public let classNames: [String]?
  /// Points per walk.
  public var frameCount = 10
  /// Interpolated pairs: per class for a conditional generator.
  public var interpolationCount: Int?
  /// Coordinates in the traversal figure.
  public var traversedCount: Int?
  /// Base points each coordinate's path length is averaged over.
  public var traversalBaseCount = 4
  /// Noise draws the traversal ranges are estimated from.
  public var rangeDrawCount = 2_000

  public init(seed: UInt64, classNames: [String]? = nil) {
    self.seed = seed
    self.classNames = classNames
  }

  public var key: String { "latent-walks" }

  public static let linearFigure = "walk-linear.png"
  public static let sphericalFigure = "walk-spherical.png"
  public static let traversalFigure = "walk-traversal.png"

  /// - Throws: `MetricError.invalidParameter` for a generator that does not draw images, or walk
  ///   sizes below 2.
  public func evaluate(_ subject: EvaluationSubject) throws -> LatentWalkReport {
    guard subject.data.kind == .images else {
      throw MetricError.invalidParameter(metric: "latent walks", problem: "the generator draws points of shape \(subject.data.sampleShape), not images")
    }
    guard frameCount >= 2, traversalBaseCount >= 1, rangeDrawCount >= 2 else {
      throw MetricError.invalidParameter(metric: "latent walks", problem: "\(frameCount) points per walk, \(traversalBaseCount) bases, \(rangeDrawCount) draws; need at least 2, 1 and 2")
    }
    let generator = subject.generator
    let classCount = subject.conditionalClassCount
    let labels: [Int?] = classCount.map { Array(0..<$0) } ?? [nil]
    let pairs = interpolationCount ?? (classCount == nil ? 8 : 2)
    let shown = traversedCount ?? (classCount == nil ? 10 : 2)
    var random = SplitMix64(seed: seed)
    let ranges = LatentTraversal.ranges(of: LatentWalk.latentRows(of: generator.makeNoise(count: rangeDrawCount, using: &random), generator: generator))
    let endpointNoise = generator.makeNoise(count: 2 * pairs, using: &random)
    let endpoints = LatentWalk.latentRows(of: endpointNoise, generator: generator)
    var figures: [String] = []
    func rowLabel(_ text: String, _ label: Int?) -> String {
      guard let label else { return text }
      return text + " " + (classNames.map { $0[label] } ?? "\(label)")
    }

    var pathLengths: [LatentInterpolation: Double] = [:]
    for kind in LatentInterpolation.allCases {
      let walks = (0..<pairs).flatMap { w in
        labels.map { LatentWalk(points: kind.points(from: endpoints[2 * w], to: endpoints[2 * w + 1], count: frameCount), baseRow: 2 * w, label: $0) }
      }
      subject.progress(SampleScoring.Progress(stage: "latent walks: \(kind.rawValue)", done: 0, total: 1))
      let images = LatentWalk.draw(walks, from: generator, baseNoise: endpointNoise, using: &random)
      pathLengths[kind] = Self.meanPathLength(images, walks: walks.count, frames: frameCount)
      let name = kind == .linear ? Self.linearFigure : Self.sphericalFigure
      let title = "\(kind.rawValue) interpolation: one pair of latent points per row"
      let rows = walks.indices.map { w in Array(w * frameCount..<(w + 1) * frameCount) }
      let rowLabels = walks.indices.map { rowLabel("\($0 / labels.count + 1)", walks[$0].label) }
      subject.figures.add(CaptionedGrid(images, rows: rows, title: title, rowLabels: rowLabels).image, named: name)
      figures.append(name)
    }

    let baseNoise = generator.makeNoise(count: traversalBaseCount, using: &random)
    let sweep = TraversalSweep(
      generator: generator, baseNoise: baseNoise, ranges: ranges, frameCount: frameCount, classCount: classCount,
      using: &random, progress: subject.stage("latent walks: traversals"))
    let lengths = sweep.pathLengths()
    let order = lengths.indices.sorted { (lengths[$0], -$0) > (lengths[$1], -$1) }
    let traversed = Array(order.prefix(shown))
    let base = LatentWalk.latentRows(of: baseNoise, generator: generator)[0]
    let walks = traversed.flatMap { coordinate in
      labels.map { LatentWalk(points: LatentTraversal(coordinate: coordinate, range: ranges[coordinate], count: frameCount).points(from: base), baseRow: 0, label: $0) }
    }
    let images = LatentWalk.draw(walks, from: generator, baseNoise: baseNoise, using: &random)
    let rows = walks.indices.map { w in Array(w * frameCount..<(w + 1) * frameCount) }
    let rowLabels = walks.indices.map { rowLabel("z\(traversed[$0 / labels.count])", walks[$0].label) }
    let title = "traversals: one latent coordinate per row over its central 95%, most changing first"
    subject.figures.add(CaptionedGrid(images, rows: rows, title: title, rowLabels: rowLabels).image, named: Self.traversalFigure)
    figures.append(Self.traversalFigure)

    func meanNorm(_ points: [[Double]]) -> Double { points.map(LatentInterpolation.norm).reduce(0, +) / Double(points.count) }
    let midpoints = { (kind: LatentInterpolation) in (0..<pairs).map { kind.point(from: endpoints[2 * $0], to: endpoints[2 * $0 + 1], at: 0.5) } }
    return LatentWalkReport(
      latentDimension: ranges.count, frameCount: frameCount, interpolationCount: pairs, classes: classCount.map { Array(0..<$0) },
      endpointNorm: meanNorm(endpoints), linearMidpointNorm: meanNorm(midpoints(.linear)), sphericalMidpointNorm: meanNorm(midpoints(.spherical)),
      linearPathLength: pathLengths[.linear]!, sphericalPathLength: pathLengths[.spherical]!,
      coordinatePathLengths: lengths, traversalBaseCount: traversalBaseCount,
      traversalRange: [ranges[0].lowerBound, ranges[0].upperBound], traversedCoordinates: traversed, figures: figures)
  }

  public func summary(of report: LatentWalkReport) -> [String] {
    let top = report.traversedCoordinates.prefix(3).map { String(format: "z%d %.2f", $0, report.coordinatePathLengths[$0]) }
    return [
      String(format: "latent walks: path length linear %.3f, spherical %.3f (midpoint norm %.2f and %.2f of endpoints' %.2f); most changing coordinates %@",
             report.linearPathLength, report.sphericalPathLength, report.linearMidpointNorm, report.sphericalMidpointNorm, report.endpointNorm,
             top.joined(separator: ", ")),
      "  figures: " + report.figures.joined(separator: ", "),
    ]
  }

  public func shortfalls(of report: LatentWalkReport) -> [String] { [] }

  /// The mean over `walks` consecutive groups of `frames` images of Σₜ RMS(x_{t+1} − x_t).
  static func meanPathLength(_ images: Tensor, walks: Int, frames: Int) -> Double {
    let size = images.scalarCount / max(1, images.shape[0]), values = images.floats
    var total = 0.0
    for w in 0..<walks {
      for t in 0..<(frames - 1) {
        let a = (w * frames + t) * size
        total += TraversalSweep.rootMeanSquare(values, a, a + size, size)
      }
    }
    return total / Double(max(1, walks))
  }
}
