import Foundation
import Testing
import TensorBackend
@testable import ZooEvaluation

@Suite struct FeatureMatrixTests {
  @Test func nonFiniteValuesAreAnErrorNamingTheFirst() {
    let values: [Float] = [0, 1, 2, .infinity, 4, 5, .nan, 7, -.infinity]
    #expect(throws: MetricError.nonFinite(set: "fake", count: 3, row: 1, column: 0, value: .infinity)) {
      try FeatureMatrix(Tensor(shape: [3, 3], scalars: values), name: "fake")
    }
  }

  @Test func shapesOtherThanAMatrixAreAnError() {
    #expect(throws: MetricError.notAMatrix(set: "real", shape: [2, 2, 2])) {
      try FeatureMatrix(Tensor.zeros([2, 2, 2]), name: "real")
    }
    #expect(throws: MetricError.notAMatrix(set: "real", shape: [4, 0])) {
      try FeatureMatrix(Tensor.zeros([4, 0]), name: "real")
    }
  }

  @Test func errorMessagesNameTheSetAndTheNumbers() {
    let message = MetricError.nonFinite(set: "fake", count: 3, row: 1, column: 0, value: .nan).description
    #expect(message == "fake features hold 3 values that are not finite, the first nan at sample 1, coordinate 0")
    let samples = MetricError.tooFewSamples(metric: "Fréchet distance", set: "real", count: 8, needed: 9, reason: "a covariance of full rank 8 needs more samples than feature dimensions").description
    #expect(samples == "Fréchet distance: the real set has 8 samples, at least 9 are needed (a covariance of full rank 8 needs more samples than feature dimensions)")
  }

  @Test func rowsAndNormsFollowTheValues() throws {
    let set = try MetricTestData.rows([[3, 4], [1, 0], [0, 2]])
    #expect(set.squaredNorms == [25, 1, 4])
    let picked = set.rows([2, 0])
    #expect(picked.row(0) == [0, 2] && picked.row(1) == [3, 4] && picked.squaredNorms == [4, 25])
    #expect(set.exactSquaredDistance(0, to: picked, 0) == 13)
  }
}
