import Foundation
import Testing
import TensorBackend
@testable import ZooEvaluation

/// Bad generated samples stop the comparison metrics with a message naming the problem.
@Suite struct SampleComparisonTests {
  @Test func nonFiniteSamplesAreRefused() {
    let generator = WalkTestGenerators.Linear(latentDimension: 3, side: 4)
    generator.scale = .nan
    #expect {
      try ComparisonTestData.comparison().samples(of: ComparisonTestData.subject(generator))
    } throws: { error in
      guard case GeneratedSampleError.nonFinite(let count, let total, 0) = error else { return false }
      return count == total && "\(error)".contains("NaN or infinite")
    }
  }

  @Test func samplesOutsideTheImageScaleAreRefused() {
    let generator = WalkTestGenerators.Linear(latentDimension: 3, side: 4)
    generator.scale = 3
    #expect {
      try ComparisonTestData.comparison().samples(of: ComparisonTestData.subject(generator))
    } throws: { error in
      guard case GeneratedSampleError.outOfRange(_, _, let minimum, let maximum) = error else { return false }
      return minimum < -1 && maximum > 1 && "\(error)".contains("outside [-1, 1]")
    }
  }

  @Test func samplesOfAnotherSizeOrChannelCountAreRefused() {
    for shape in [[1, 5, 5], [3, 4, 4]] {
      let generator = WalkTestGenerators.Linear(latentDimension: 3, side: 4)
      #expect {
        try ComparisonTestData.comparison(dataset: ComparisonTestData.dataset(shape: shape)).samples(of: ComparisonTestData.subject(generator))
      } throws: { error in
        "\(error)".contains("shape 1×4×4") && "\(error)".contains(ScoreError.text(shape))
      }
    }
  }

  @Test func tooFewSamplesForAMetricNameTheMetricAndTheNeed() {
    let generator = WalkTestGenerators.Linear(latentDimension: 3, side: 4)
    let metric = FrechetDistanceMetric(comparison: ComparisonTestData.comparison(sampleCount: 10), features: .pixels)
    #expect {
      try metric.evaluate(ComparisonTestData.subject(generator))
    } throws: { error in
      "\(error)".contains("Fréchet distance: the samples set has 10 samples, at least 17 are needed")
    }
  }

  @Test func classifierFeaturesWithoutAClassifierAreRefused() {
    let generator = WalkTestGenerators.Linear(latentDimension: 3, side: 4)
    let metric = FrechetDistanceMetric(comparison: ComparisonTestData.comparison())
    #expect {
      try metric.evaluate(ComparisonTestData.subject(generator))
    } throws: { error in
      "\(error)".contains("need its reference classifier, and there is none")
    }
  }

  @Test func everyComparisonMetricReportsBesideItsFloorInPixels() throws {
    let comparison = ComparisonTestData.comparison()
    let subject = ComparisonTestData.subject(WalkTestGenerators.Linear(latentDimension: 3, side: 4))
    let frechet = try FrechetDistanceMetric(comparison: comparison, features: .pixels).evaluate(subject)
    #expect(frechet.sampleCount == 60 && frechet.floorSource == "60 toy training images" && frechet.real == "toy test split")
    #expect(frechet.floor.distance < frechet.samples.distance, "training images sit closer to the test split than tanh images do")
    let memorisation = try MemorisationMetric(comparison: comparison).evaluate(subject)
    #expect(memorisation.pixels != nil && memorisation.classifier == nil)
    let parzen = try ParzenWindowMetric(comparison: comparison).evaluate(subject)
    #expect(parzen.samples.validationCount == 50 && parzen.samples.testCount == 100 && parzen.samples.sampleCount == 60)
    // Shared work: the same samples for every metric.
    let first = try comparison.samples(of: subject).values.floats, second = try comparison.samples(of: subject).values.floats
    #expect(first == second)
  }
}
