import TensorBackend

/// The space a score measures in, turning sample sets into feature matrices: pixels as they are,
/// or the reference classifier's features, computed in chunks with progress.
struct FeatureSpace {
  let kind: SampleScoring.Features
  let classifier: ReferenceClassifier?
  let progress: (SampleScoring.Progress) -> Void

  /// Images per classifier call between progress reports.
  static let chunkSize = 2_048

  /// Checks that `kind` applies to `sets` and loads what it needs.
  ///
  /// - Throws: `ScoreError.featuresUnavailable` for classifier features without a dataset or of
  ///   vectors, or pixels of vectors beside a dataset; the classifier's errors.
  init(_ kind: SampleScoring.Features, dataset: ScoreDataset?, sets: [SampleSet], progress: @escaping (SampleScoring.Progress) -> Void) throws {
    self.kind = kind
    self.progress = progress
    if let vectors = sets.first(where: { !$0.isImages }) {
      guard kind == .pixels else {
        throw ScoreError.featuresUnavailable("\(vectors.source) holds vectors of \(vectors.sampleShape[0]) values, not images; the classifier sees images: score vectors with --features pixels")
      }
      if let dataset {
        throw ScoreError.featuresUnavailable("\(vectors.source) holds vectors, not images like \(dataset.name)'s; score vectors without --dataset")
      }
    }
    switch kind {
    case .pixels:
      classifier = nil
    case .classifier:
      guard let dataset else {
        throw ScoreError.featuresUnavailable("--features classifier needs --dataset (the reference classifier is a dataset's, e.g. mnist); score the arrays alone with --features pixels")
      }
      classifier = try dataset.classifier()
    }
  }

  /// A space of `kind` with `classifier` already at hand (classifier features need one).
  init(kind: SampleScoring.Features, classifier: ReferenceClassifier?, progress: @escaping (SampleScoring.Progress) -> Void) {
    precondition(kind == .pixels || classifier != nil, "FeatureSpace: classifier features without a classifier")
    self.kind = kind
    self.classifier = kind == .pixels ? nil : classifier
    self.progress = progress
  }

  /// The features of `set` under `name` (for messages).
  func of(_ set: SampleSet, name: String) throws(MetricError) -> FeatureMatrix {
    guard let classifier else { return try FeatureMatrix(set.values, name: name) }
    let stage = "classifier features: \(set.source)"
    progress(SampleScoring.Progress(stage: stage, done: 0, total: set.count))
    let features = concatenatingChunks(of: set.count, size: Self.chunkSize) { rows in
      defer { progress(SampleScoring.Progress(stage: stage, done: rows.upperBound, total: set.count)) }
      return classifier.features(set.classifierInput(rows))
    }
    return try FeatureMatrix(features, name: name)
  }
}
