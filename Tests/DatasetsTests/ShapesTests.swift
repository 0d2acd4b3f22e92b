import TensorBackend
import Testing
@testable import Datasets

@Suite struct ShapesTests {
  @Test func sameSeedSameImagesAndFactors() {
    let shapes = Shapes()
    var a = SplitMix64(seed: 5), b = SplitMix64(seed: 5), c = SplitMix64(seed: 6)
    let first = shapes.sample(count: 8, using: &a), second = shapes.sample(count: 8, using: &b), other = shapes.sample(count: 8, using: &c)
    #expect(first.images.scalars == second.images.scalars && first.factors == second.factors)
    #expect(first.factors != other.factors)
    #expect(first.images.shape == [8, 3, 32, 32] && first.labels.shape == [8])
    #expect(first.labels.scalars == first.factors.map { Double($0.kind.rawValue) })
  }

  @Test func factorsLieInTheirRangesAndEveryClassAppears() {
    let shapes = Shapes(size: 16)
    var generator = SplitMix64(seed: 1)
    let factors = (0..<500).map { _ in shapes.drawFactors(using: &generator) }
    #expect(Set(factors.map(\.kind)) == Set(Shapes.Kind.allCases))
    for f in factors {
      #expect(Shapes.scaleRange.contains(f.scale))
      #expect(f.centerX - f.scale >= 0 && f.centerX + f.scale <= 1 && f.centerY - f.scale >= 0 && f.centerY + f.scale <= 1)
      #expect((0..<2 * Double.pi).contains(f.rotation) && f.color.count == 3 && f.color.allSatisfy { (0...1).contains($0) })
    }
  }

  /// The shape is drawn where its factors say, in its color, with soft edges.
  @Test(arguments: Shapes.Kind.allCases)
  func drawingFollowsTheFactors(kind: Shapes.Kind) {
    let shapes = Shapes(size: 32)
    let factors = Shapes.Factors(kind: kind, centerX: 0.4, centerY: 0.6, scale: 0.3, rotation: 0.3, color: [1, 0.5, 0])
    let values = shapes.render(factors)
    let plane = 32 * 32
    func pixel(_ x: Int, _ y: Int, _ c: Int) -> Float { values[c * plane + y * 32 + x] }
    // The center (12.8, 19.2) is inside every shape: full color there.
    #expect(abs(pixel(12, 19, 0) - 1) <= 1e-6 && abs(pixel(12, 19, 1) - 0) <= 1e-6 && abs(pixel(12, 19, 2) + 1) <= 1e-6)
    // Outside the enclosing circle (radius 9.6 pixels): background.
    #expect(pixel(0, 0, 0) == -1 && pixel(31, 0, 1) == -1 && pixel(31, 31, 2) == -1)
    #expect(values.allSatisfy { (-1...1).contains($0) })
    // Anti-aliasing: some pixels are partly covered.
    let red = values[0..<plane]
    #expect(red.contains { $0 > -0.99 && $0 < 0.99 })
    // The red channel's center of mass is the factor's center, within a pixel (shapes are
    // symmetric enough: circle, square, cross exactly; triangle and star about their centroid).
    let weights = red.map { Double($0 + 1) }, total = weights.reduce(0, +)
    let meanX = weights.indices.map { Double($0 % 32) + 0.5 }.enumerated().map { $1 * weights[$0] }.reduce(0, +) / total
    let meanY = weights.indices.map { Double($0 / 32) + 0.5 }.enumerated().map { $1 * weights[$0] }.reduce(0, +) / total
    #expect(abs(meanX - 12.8) <= 1 && abs(meanY - 19.2) <= 1, "center of mass (\(meanX), \(meanY)) vs (12.8, 19.2), tolerance 1")
  }

  @Test func shapesCoverTheirGeometricArea() {
    // Unit circumradius areas: circle π, square 2, triangle 3√3/4, cross 2·(0.6·2·0.954) − 0.36.
    let expected: [Shapes.Kind: Double] = [.circle: Double.pi, .square: 2, .triangle: 1.299, .cross: 1.9294]
    let shapes = Shapes(size: 64, channels: 1, supersampling: 8)
    for (kind, area) in expected {
      let values = shapes.render(Shapes.Factors(kind: kind, centerX: 0.5, centerY: 0.5, scale: 0.4, rotation: 0.7, color: [1, 1, 1]))
      let covered = values.map { Double($0 + 1) / 2 }.reduce(0, +)
      let pixelsPerUnit = 0.4 * 64
      #expect(abs(covered / (pixelsPerUnit * pixelsPerUnit) - area) <= 0.02 * area, "\(kind): \(covered / (pixelsPerUnit * pixelsPerUnit)) vs \(area), tolerance 2%")
    }
  }

  @Test func grayAndOtherSizes() {
    var generator = SplitMix64(seed: 0)
    let sample = Shapes(size: 20, channels: 1).sample(count: 3, using: &generator)
    #expect(sample.images.shape == [3, 1, 20, 20])
    #expect(sample.factors.allSatisfy { $0.color[0] == $0.color[1] && $0.color[1] == $0.color[2] && $0.color[0] >= 0.4 })
  }
}
