import Foundation
import Testing
import TensorBackend
import ZooCore
@testable import ZooEvaluation

/// Walk geometry (interpolation endpoints and norms, traversals), the seam that holds a
/// composite generator's other noise fixed, and the walk figures.
@Suite struct LatentWalkTests {
  static func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }

  @Test func bothInterpolationsStartAndEndExactlyAtTheEndpoints() {
    let a = [0.3, -1.2, 2.5, 0.01], b = [-0.7, 0.4, 1.1, -2.0]
    for kind in LatentInterpolation.allCases {
      let points = kind.points(from: a, to: b, count: 7)
      #expect(points.count == 7)
      #expect(points.first == a, "\(kind) starts at a")
      #expect(points.last == b, "\(kind) ends at b")
    }
  }

  @Test func sphericalInterpolationKeepsTheNormOfEqualNormEndpoints() {
    var random = SplitMix64(seed: 3)
    let a = Tensor.randomNormal([1, 100], using: &random).scalars
    var b = Tensor.randomNormal([1, 100], using: &random).scalars
    let ratio = Self.norm(a) / Self.norm(b)
    b = b.map { $0 * ratio }
    for point in LatentInterpolation.spherical.points(from: a, to: b, count: 11) {
      #expect(abs(Self.norm(point) - Self.norm(a)) <= 1e-9 * Self.norm(a), "norm \(Self.norm(point)) vs \(Self.norm(a))")
    }
    // The linear midpoint of two nearly orthogonal Gaussian points is shorter by about 1/√2.
    let linear = Self.norm(LatentInterpolation.linear.point(from: a, to: b, at: 0.5)) / Self.norm(a)
    #expect(abs(linear - (0.5).squareRoot()) <= 0.1, "linear midpoint norm ratio \(linear)")
  }

  @Test func sphericalMidpointOfOrthogonalUnitVectorsIsTheirBisector() {
    let mid = LatentInterpolation.spherical.point(from: [1, 0, 0], to: [0, 1, 0], at: 0.5)
    let expected = [(0.5).squareRoot(), (0.5).squareRoot(), 0]
    for (value, want) in zip(mid, expected) { #expect(abs(value - want) <= 1e-12, "\(mid)") }
    // A quarter of the way: the angle is π/8.
    let quarter = LatentInterpolation.spherical.point(from: [1, 0, 0], to: [0, 1, 0], at: 0.25)
    #expect(abs(quarter[0] - cos(Double.pi / 8)) <= 1e-12 && abs(quarter[1] - sin(Double.pi / 8)) <= 1e-12, "\(quarter)")
  }

  @Test func parallelEndpointsFallBackToTheLinearPath() {
    let a = [1.0, 2.0], b = [2.0, 4.0]
    let point = LatentInterpolation.spherical.point(from: a, to: b, at: 0.5)
    #expect(point == LatentInterpolation.linear.point(from: a, to: b, at: 0.5))
    #expect(point.allSatisfy { $0.isFinite })
  }

  @Test func aTraversalMovesOneCoordinateOverItsRange() {
    let traversal = LatentTraversal(coordinate: 2, range: -2...2, count: 5)
    #expect(traversal.values == [-2, -1, 0, 1, 2])
    let points = traversal.points(from: [0.5, -0.5, 9, 3])
    #expect(points.map { $0[2] } == [-2, -1, 0, 1, 2])
    #expect(points.allSatisfy { $0[0] == 0.5 && $0[1] == -0.5 && $0[3] == 3 })
  }

  @Test func traversalRangesAreTheCentralNinetyFivePercentOfTheNoise() {
    var random = SplitMix64(seed: 5)
    let rows = Tensor.randomNormal([20_000, 2], using: &random).scalars
    let ranges = LatentTraversal.ranges(of: stride(from: 0, to: rows.count, by: 2).map { [rows[$0], rows[$0 + 1]] })
    for range in ranges {
      #expect(abs(range.lowerBound + 1.96) <= 0.06 && abs(range.upperBound - 1.96) <= 0.06, "\(range)")
    }
  }

  @Test func walksMoveTheWalkedLatentAndHoldTheRestOfACompositeNoise() {
    let generator = WalkTestGenerators.Composite(latentDimension: 3, heldCount: 2)
    var random = SplitMix64(seed: 7)
    let base = generator.makeNoise(count: 2, using: &random)
    let latent = LatentWalk.latentRows(of: base, generator: generator)
    #expect(latent.count == 2 && latent[0].count == 3)
    let walk = LatentWalk(points: LatentInterpolation.linear.points(from: latent[0], to: latent[1], count: 4), baseRow: 1)
    let noise = LatentWalk.noise(for: [walk], generator: generator, baseNoise: base).scalars
    let held = Array(base.scalars[8..<10])
    for frame in 0..<4 {
      #expect(Array(noise[frame * 5 + 3..<frame * 5 + 5]) == held, "frame \(frame) keeps base row 1's held noise")
      let expected = walk.points[frame].map { Float($0) }
      #expect(zip(noise[frame * 5..<frame * 5 + 3], expected).allSatisfy { abs(Float($0) - $1) <= 1e-6 })
    }
  }

  @Test func aPlainGeneratorWalksItsWholeNoise() {
    let generator = WalkTestGenerators.Linear(latentDimension: 3, side: 2)
    let noise = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6] as [Double])
    #expect(generator.walkedLatent(of: noise).scalars == noise.scalars)
    let replaced = generator.replacingWalkedLatent(of: noise, with: Tensor(shape: [2, 3], scalars: [0, 0, 0, 1, 1, 1] as [Double]))
    #expect(replaced.scalars == [0, 0, 0, 1, 1, 1])
  }

  @Test func walkFiguresHaveARowPerWalkAndTheIgnoredCoordinateDoesNotMove() throws {
    let generator = WalkTestGenerators.Linear(latentDimension: 5, side: 4, ignored: [3])
    let figures = EvaluationFigures()
    let subject = EvaluationSubject(generator: generator, data: DataDescription(kind: .images, sampleShape: [1, 4, 4]), isConditional: false, figures: figures)
    var metric = LatentWalkMetric(seed: 11)
    metric.frameCount = 6
    metric.interpolationCount = 3
    metric.traversedCount = 4
    metric.rangeDrawCount = 500
    let report = try metric.evaluate(subject)
    #expect(figures.figures.map(\.name) == [LatentWalkMetric.linearFigure, LatentWalkMetric.sphericalFigure, LatentWalkMetric.traversalFigure])
    #expect(report.coordinatePathLengths.count == 5)
    #expect(report.coordinatePathLengths[3] == 0, "coordinate 3 is ignored: \(report.coordinatePathLengths)")
    #expect(report.coordinatePathLengths.enumerated().allSatisfy { $0.offset == 3 || $0.element > 0 })
    #expect(report.traversedCoordinates.count == 4 && !report.traversedCoordinates.contains(3))
    #expect(abs(report.sphericalMidpointNorm - report.endpointNorm) < abs(report.linearMidpointNorm - report.endpointNorm))
    // The traversal figure: 4 rows of 6 cells of 4×4 pixels drawn at scale 2.
    let sample = Tensor(repeating: 0, shape: [24, 1, 4, 4])
    let expected = CaptionedGrid(sample, rows: (0..<4).map { Array($0 * 6..<($0 + 1) * 6) }, title: "t", rowLabels: ["z0", "z1", "z2", "z4"])
    let traversal = figures.figures[2].image
    #expect(traversal.height == expected.image.height, "one row per traversed coordinate")
  }

  @Test func aConditionalWalkIsDrawnUnderEveryClass() throws {
    let generator = WalkTestGenerators.Linear(latentDimension: 3, side: 2)
    let figures = EvaluationFigures()
    let data = DataDescription(kind: .images, sampleShape: [1, 2, 2], classCount: 3)
    let subject = EvaluationSubject(generator: generator, data: data, isConditional: true, figures: figures)
    var metric = LatentWalkMetric(seed: 2, classNames: ["a", "b", "c"])
    metric.interpolationCount = 2
    metric.traversedCount = 1
    metric.rangeDrawCount = 100
    let report = try metric.evaluate(subject)
    #expect(report.classes == [0, 1, 2])
    let single = CaptionedGrid(Tensor(repeating: 0, shape: [1, 1, 2, 2]), rows: [[0]], title: "t", rowLabels: ["1 a"])
    let rowHeight = 2 * 2 + CaptionedGrid.gap
    #expect(figures.figures[0].image.height == single.image.height + 5 * rowHeight, "2 pairs × 3 classes = 6 rows")
    #expect(figures.figures[2].image.height == single.image.height + 2 * rowHeight, "1 coordinate × 3 classes = 3 rows")
  }
}
