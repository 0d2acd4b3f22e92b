import Foundation
import Testing
import TensorBackend
@testable import Datasets
@testable import ZooEvaluation

/// The number relating latent traversals to the factors of shapes, on a generator whose answer
/// is known: z₀ moves x, z₁ the scale, z₂ nothing, z₃ the colour.
@Suite struct LatentFactorTests {
  @Test func eachCoordinateIsFoundToMoveItsOwnFactor() throws {
    let shapes = Shapes(size: 16, channels: 3)
    let generator = WalkTestGenerators.ShapeRendering(shapes: shapes)
    var metric = LatentFactorMetric(shapes: shapes, seed: 8)
    metric.referenceCount = 6_000
    metric.baseCount = 3
    metric.frameCount = 8
    metric.rangeDrawCount = 500
    metric.checkCount = 100
    let report = try metric.evaluate(ComparisonTestData.subject(generator, shape: shapes.sampleShape))
    let c = report.coordinates
    #expect(c[0].strongest == "x", "\(c[0])")
    #expect(c[1].strongest == "scale", "\(c[1])")
    #expect(c[2].total == 0 && c[2].strongest == nil, "\(c[2])")
    #expect(c[3].strongest == "colour", "\(c[3])")
    let x = ShapeFactor.allCases.firstIndex(of: .x)!
    #expect(c[0].changes[x] > 0.3, "x along z0 varies like \(c[0].changes[x]) of the data's")
    #expect(report.meanSelectivity > 0.5, "mean selectivity \(report.meanSelectivity)")
    #expect(report.strongestCoordinates.first { $0.factor == "x" }?.coordinate == 0)
    #expect(report.estimatorClassAccuracy > 0.5)
  }

  @Test func variationOfIdenticalEstimatesIsZeroAndOfTheDataIsPositive() {
    let estimate = ShapeFactorEstimator.Estimate(kind: .star, centerX: 0.4, centerY: 0.6, scale: 0.3, foldedRotation: 1, color: [0.2, 0.4, 0.6])
    #expect(ShapeFactor.variation(of: [estimate, estimate, estimate]) == [0, 0, 0, 0, 0, 0])
    var random = SplitMix64(seed: 1)
    let factors = (0..<2_000).map { _ in Shapes().drawFactors(using: &random) }
    let data = ShapeFactor.variation(of: factors.map(ShapeFactor.truth))
    #expect(abs(data[0] - 0.8) <= 0.02, "five equally likely classes: Gini 0.8, got \(data[0])")
    #expect(abs(data[4] - 1) <= 0.1, "uniform rotations: circular variance near 1, got \(data[4])")
  }
}
