import Datasets
import Foundation
import ZooEvaluation

/// The real images a run's samples are compared with: the labelled datasets' training and test
/// splits (`ClassifierCatalog.labelledData`: MNIST's two splits, the fixed draws of shapes, a
/// folder's held-out sixth) as a `ScoreDataset`, with the rows the Parzen window's σ is chosen
/// on and those the floor is drawn from.
public enum ComparisonCatalog {
  /// Test images below which the comparison metrics are not computed: the Fréchet distance in
  /// 128-D features needs more than 128, the kernel distance's subsets 1,000.
  public static let minimumTestCount = 1_000
  /// Validation rows of a dataset that is not MNIST: the last tenth of its training images, at
  /// most 1,000 (the Parzen protocol's count).
  static func validationRows(trainingCount: Int) -> Range<Int> {
    let count = min(ParzenWindow.protocolValidationCount, trainingCount / 10)
    return (trainingCount - count)..<trainingCount
  }

  /// The comparison dataset of `dataset`, or `nil` with the reason when it has none (no labels,
  /// too few test images).
  public static func dataset(for dataset: String, dataRoot: String?) throws -> (dataset: ScoreDataset?, reason: String?) {
    let labelled: ClassifierCatalog.LabelledData
    do {
      labelled = try ClassifierCatalog.labelledData(for: dataset, dataRoot: dataRoot)
    } catch let error as UsageError {
      return (nil, "\(error)")
    }
    guard let trainingImages = labelled.training, labelled.test.count >= minimumTestCount else {
      return (nil, "\(dataset) holds \(labelled.test.count) test images, fewer than the \(minimumTestCount) the comparison metrics need")
    }
    let training = SampleSet(trainingImages, source: "\(labelled.name) training split")
    let test = SampleSet(labelled.test, source: "\(labelled.name) test split")
    // MNIST's protocol rows (σ on training images 50,000–50,999) need its full training split;
    // a smaller set of MNIST files (a subset, for a quick check) takes the generic rows.
    let isMNIST = (try? DatasetSpecification(dataset).name) == DataCatalog.mnistName
      && training.count >= ScoreDataset.mnistValidationRows.upperBound
    let validation = isMNIST ? ScoreDataset.mnistValidationRows : validationRows(trainingCount: training.count)
    let floor = isMNIST ? ScoreDataset.mnistFloorRows : 0..<validation.lowerBound
    return (ScoreDataset(
      name: labelled.name, training: training, test: test, classifierURL: labelled.cacheURL, validationRows: validation, floorRows: floor), nil)
  }
}
