import Datasets
import Foundation
import TensorBackend
import ZooCore

/// Which known factors of `Shapes` (class, position, scale, rotation, colour) each latent
/// coordinate of a generator moves: the number that relates latent traversals to the factors.
///
/// Every coordinate i is swept over its central 95% from B base points (`TraversalSweep`), the
/// factors of every frame are read off the nearest real shapes (`ShapeFactorEstimator`), and
/// the change of factor f along coordinate i is
///
///     c_if = mean_b  V_f(frames of traversal i from base b) / V_f(real data)
///
/// with V_f the factor's variation (`ShapeFactor`): 0 for a factor the traversal leaves alone,
/// about 1 when the traversal alone varies it as much as the whole dataset does. A coordinate's
/// selectivity is max_f c_if / Σ_f c_if (1: it moves one factor; 1/6: all alike), and the
/// latent's mean selectivity weights the coordinates by Σ_f c_if, so coordinates that change
/// nothing do not count. A disentangled latent (InfoGAN's, Chen et al. 2016; the β-VAE's,
/// Higgins et al. 2017) scores near 1; a GAN's Gaussian latent usually scores low, each
/// coordinate moving several factors at once.
///
/// The estimate is only as sharp as the references are dense: frames between two real shapes
/// snap to one or the other, so small changes read as steps and noise in the estimate reads as
/// change; `estimatorClassAccuracy` and the errors in the report say how far to trust it.
public struct LatentFactorMetric: SampleMetric {
  public let shapes: Shapes
  /// The seed of the references, the traversals and the estimator's check.
  public let seed: UInt64
  public var referenceCount = 20_000
  public var k = 5
  public var baseCount = 4
  public var frameCount = 10
  public var rangeDrawCount = 2_000
  /// Fresh real shapes the estimator is checked on.
  public var checkCount = 500

  public init(shapes: Shapes, seed: UInt64) {
    self.shapes = shapes
    self.seed = seed
  }

  public var key: String { "latent-factors" }

  /// - Throws: `GeneratedSampleError.shapeMismatch` for a generator that does not draw these
  ///   shapes' images.
  public func evaluate(_ subject: EvaluationSubject) throws -> LatentFactorReport {
    guard subject.data.sampleShape == shapes.sampleShape else {
      throw GeneratedSampleError.shapeMismatch(sampleShape: subject.data.sampleShape, data: "shapes", dataShape: shapes.sampleShape)
    }
    var random = SplitMix64(seed: seed)
    subject.progress(SampleScoring.Progress(stage: "latent factors: \(referenceCount) real shapes", done: 0, total: 1))
    let estimator = try ShapeFactorEstimator(shapes: shapes, referenceCount: referenceCount, k: k, seed: random.next())
    let check = try estimator.check(count: checkCount, seed: random.next())
    let dataVariation = ShapeFactor.variation(of: estimator.factors.map(ShapeFactor.truth))

    let generator = subject.generator
    let ranges = LatentTraversal.ranges(of: LatentWalk.latentRows(of: generator.makeNoise(count: rangeDrawCount, using: &random), generator: generator))
    let baseNoise = generator.makeNoise(count: baseCount, using: &random)
    let sweep = TraversalSweep(
      generator: generator, baseNoise: baseNoise, ranges: ranges, frameCount: frameCount, classCount: subject.conditionalClassCount,
      using: &random, progress: subject.stage("latent factors: traversals"))
    let estimates = try estimator.estimate(sweep.images, progress: subject.stage("latent factors: nearest real shapes"))
    let changes = (0..<sweep.coordinateCount).map { coordinate in
      var sums = [Double](repeating: 0, count: ShapeFactor.allCases.count)
      for base in 0..<baseCount {
        let start = sweep.index(coordinate: coordinate, base: base, frame: 0)
        let variation = ShapeFactor.variation(of: Array(estimates[start..<start + frameCount]))
        for f in sums.indices { sums[f] += variation[f] / max(dataVariation[f], 1e-12) }
      }
      return sums.map { $0 / Double(baseCount) }
    }
    return Self.report(
      changes: changes, baseCount: baseCount, frameCount: frameCount, referenceCount: referenceCount, k: k,
      check: check)
  }

  /// The report of the changes c_if (L rows of one value per factor).
  static func report(
    changes: [[Double]], baseCount: Int, frameCount: Int, referenceCount: Int, k: Int,
    check: (classAccuracy: Double, positionError: Double, scaleError: Double)
  ) -> LatentFactorReport {
    let names = ShapeFactor.allCases.map(\.rawValue)
    let coordinates = changes.enumerated().map { i, row -> LatentFactorReport.Coordinate in
      let total = row.reduce(0, +)
      let best = row.indices.max { (row[$0], -$0) < (row[$1], -$1) }!
      return LatentFactorReport.Coordinate(
        coordinate: i, changes: row, total: total, strongest: total > 0 ? names[best] : nil, selectivity: total > 0 ? row[best] / total : nil)
    }
    let strongest = names.indices.map { f -> LatentFactorReport.Factor in
      let order = changes.indices.sorted { (changes[$0][f], -$0) > (changes[$1][f], -$1) }
      let second = order.count > 1 ? order[1] : nil
      return LatentFactorReport.Factor(
        factor: names[f], coordinate: order[0], change: changes[order[0]][f], runnerUp: second, runnerUpChange: second.map { changes[$0][f] })
    }
    let weight = coordinates.reduce(0) { $0 + $1.total }
    let mean = weight > 0 ? coordinates.reduce(0) { $0 + $1.total * ($1.selectivity ?? 0) } / weight : 0
    return LatentFactorReport(
      factors: names, coordinates: coordinates, strongestCoordinates: strongest, meanSelectivity: mean, baseCount: baseCount,
      frameCount: frameCount, referenceCount: referenceCount, k: k, estimatorClassAccuracy: check.classAccuracy,
      estimatorPositionError: check.positionError, estimatorScaleError: check.scaleError)
  }

  public func summary(of report: LatentFactorReport) -> [String] {
    let factors = report.strongestCoordinates.map { String(format: "%@ z%d %.2f (next %.2f)", $0.factor, $0.coordinate, $0.change, $0.runnerUpChange ?? 0) }
    return [
      String(format: "latent factors: mean selectivity %.2f (1: one factor per coordinate, 1/6: all alike); most moved by %@",
             report.meanSelectivity, factors.joined(separator: ", ")),
      String(format: "  estimator on fresh real shapes: class %.1f%% right, position off by %.3f, scale by %.3f of the side",
             100 * report.estimatorClassAccuracy, report.estimatorPositionError, report.estimatorScaleError),
    ]
  }

  public func shortfalls(of report: LatentFactorReport) -> [String] { [] }
}
