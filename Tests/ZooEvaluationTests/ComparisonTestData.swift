import Foundation
import TensorBackend
import ZooCore
@testable import ZooEvaluation

/// A toy dataset of 4×4 gray images and a comparison of a generator with it.
enum ComparisonTestData {
  /// 300 training and 100 test images of `shape`, pixels on [0, 1] from a seeded generator.
  static func dataset(shape: [Int] = [1, 4, 4]) -> ScoreDataset {
    var random = SplitMix64(seed: 21)
    let size = shape.reduce(1, *)
    func set(_ count: Int, _ source: String) -> SampleSet {
      let values = Tensor.randomUniform([count, size], using: &random)
      return SampleSet(source: source, sampleShape: shape, values: values)
    }
    return ScoreDataset(
      name: "toy", training: set(300, "toy training split"), test: set(100, "toy test split"),
      classifierURL: URL(fileURLWithPath: "/nonexistent/classifier.safetensors"), validationRows: 250..<300, floorRows: 0..<250)
  }

  static func subject(_ generator: any Generator, shape: [Int] = [1, 4, 4], figures: EvaluationFigures = EvaluationFigures()) -> EvaluationSubject {
    EvaluationSubject(generator: generator, data: DataDescription(kind: .images, sampleShape: shape), isConditional: false, figures: figures)
  }

  static func comparison(sampleCount: Int = 60, dataset: ScoreDataset = dataset()) -> SampleComparison {
    SampleComparison(dataset: dataset, classifier: nil, sampleCount: sampleCount, sampleSeed: 4, floorSeed: 5)
  }
}
