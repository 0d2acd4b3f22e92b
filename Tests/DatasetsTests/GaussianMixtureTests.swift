import Testing
import TensorBackend
import Datasets

@Suite struct GaussianMixtureTests {
  @Test func presetNamesAreKebabCaseAndUnique() {
    let names = GaussianMixture.Preset.allCases.map(\.rawValue)
    #expect(names == ["ring8", "grid25", "line3"])
    #expect(Set(names).count == names.count)
    for name in names {
      #expect(name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(name) is not kebab-case")
      #expect(GaussianMixture(named: name) == GaussianMixture.Preset(rawValue: name)?.mixture)
    }
    #expect(GaussianMixture(named: "ring-9") == nil)
  }

  @Test func presetGeometry() {
    let ring = GaussianMixture.ring8
    #expect(ring.modeCount == 8 && ring.dimension == 2 && ring.standardDeviation == 0.02)
    for center in ring.centers {
      let radius = (center[0] * center[0] + center[1] * center[1]).squareRoot()
      #expect(abs(radius - 2) <= 1e-12, "radius \(radius) vs 2, tolerance 1e-12")
    }
    #expect(ring.centers[0] == [2, 0] && ring.centers[2] == [0, 2] && ring.centers[4] == [-2, 0])

    let grid = GaussianMixture.grid25
    #expect(grid.modeCount == 25 && grid.dimension == 2 && grid.standardDeviation == 0.05)
    let coordinates: Set<Double> = [-4, -2, 0, 2, 4]
    #expect(Set(grid.centers.map { [$0[0], $0[1]] }).count == 25)
    #expect(grid.centers.allSatisfy { coordinates.contains($0[0]) && coordinates.contains($0[1]) })

    let line = GaussianMixture.line3
    #expect(line.centers == [[-3], [0], [3]] && line.dimension == 1 && line.standardDeviation == 0.3)

    let tensor = grid.centerTensor()
    #expect(tensor.shape == [25, 2])
    #expect(tensor.scalars == grid.centers.flatMap { $0 })
  }

  @Test(arguments: GaussianMixture.Preset.allCases)
  func perModeMeanStandardDeviationAndWeightMatch(preset: GaussianMixture.Preset) {
    let mixture = preset.mixture
    let count = 40_000
    var generator = SplitMix64(seed: 42)
    let sample = mixture.labeledSample(count: count, dtype: .float64, using: &generator)
    #expect(sample.points.shape == [count, mixture.dimension])
    let values = sample.points.scalars
    let d = mixture.dimension
    let sigma = mixture.standardDeviation
    for mode in 0..<mixture.modeCount {
      let rows = sample.modes.indices.filter { sample.modes[$0] == mode }
      let n = Double(rows.count)
      // Weight: binomial count, 5 standard errors.
      let expected = Double(count) / Double(mixture.modeCount)
      let weightTolerance = 5 * (expected * (1 - 1 / Double(mixture.modeCount))).squareRoot()
      #expect(abs(n - expected) <= weightTolerance, "mode \(mode): \(n) points vs \(expected) ± \(weightTolerance)")
      for axis in 0..<d {
        let coordinates = rows.map { values[$0 * d + axis] }
        let mean = coordinates.reduce(0, +) / n
        let variance = coordinates.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)
        // Standard errors: σ/√n for the mean, about σ/√(2n) for the standard deviation.
        let meanTolerance = 5 * sigma / n.squareRoot()
        let sigmaTolerance = 5 * sigma / (2 * n).squareRoot()
        let center = mixture.centers[mode][axis]
        #expect(abs(mean - center) <= meanTolerance, "mode \(mode) axis \(axis): mean \(mean) vs \(center) ± \(meanTolerance)")
        #expect(
          abs(variance.squareRoot() - sigma) <= sigmaTolerance,
          "mode \(mode) axis \(axis): σ \(variance.squareRoot()) vs \(sigma) ± \(sigmaTolerance)")
      }
    }
  }

  @Test func labelsAgreeWithNearestCenter() {
    // σ is tiny next to the spacing, so the nearest center is the mode a point came from.
    var generator = SplitMix64(seed: 3)
    let mixture = GaussianMixture.grid25
    let sample = mixture.labeledSample(count: 2_000, using: &generator)
    let values = sample.points.scalars
    for i in 0..<2_000 {
      let nearest = (0..<25).min { a, b in
        let ca = mixture.centers[a], cb = mixture.centers[b]
        let da = (values[2 * i] - ca[0]) * (values[2 * i] - ca[0]) + (values[2 * i + 1] - ca[1]) * (values[2 * i + 1] - ca[1])
        let db = (values[2 * i] - cb[0]) * (values[2 * i] - cb[0]) + (values[2 * i + 1] - cb[1]) * (values[2 * i + 1] - cb[1])
        return da < db
      }
      #expect(nearest == sample.modes[i])
    }
  }

  @Test func sameSeedSameBitsDifferentSeedDifferentBits() {
    for preset in GaussianMixture.Preset.allCases {
      var first = SplitMix64(seed: 7), second = SplitMix64(seed: 7), other = SplitMix64(seed: 8)
      let a = preset.mixture.sample(count: 257, using: &first)
      let b = preset.mixture.sample(count: 257, using: &second)
      let c = preset.mixture.sample(count: 257, using: &other)
      #expect(a.floats == b.floats)
      #expect(first == second, "generators advanced by the same amount")
      #expect(a.floats != c.floats)
    }
  }

  @Test func sampleAndLabeledSampleDrawTheSamePoints() {
    var first = SplitMix64(seed: 9), second = SplitMix64(seed: 9)
    let points = GaussianMixture.ring8.sample(count: 100, dtype: .float64, using: &first)
    let labeled = GaussianMixture.ring8.labeledSample(count: 100, dtype: .float64, using: &second)
    #expect(points.dtype == .float64)
    #expect(points.scalars == labeled.points.scalars)
  }

  @Test func emptySample() {
    var generator = SplitMix64(seed: 1)
    #expect(GaussianMixture.line3.sample(count: 0, using: &generator).shape == [0, 1])
  }
}
