import Foundation
import ZooCore
import ZooEvaluation

/// The metrics a run's evaluation computes, picked for its data: mode coverage on a Gaussian
/// mixture; the reference classifier's judgement on labelled images; for a model with a
/// likelihood (a VAE), its held-out likelihood on any data; and to the `.full` extent on images
/// the comparison metrics against the test split (Fréchet and kernel distances,
/// precision/recall and density/coverage in the classifier's features, beside their floors;
/// memorisation and data copying; the Parzen window; the nearest-neighbour grids), the latent
/// walks, and on shapes the latent factors. A metric added to the harness is one more line in
/// `standard(for:options:)`; each writes its own key into metrics.json, and neither the runner
/// nor the loop changes.
public struct EvaluationPlan {
  public var metrics: [any SampleMetric]

  public init(metrics: [any SampleMetric]) {
    self.metrics = metrics
  }

  /// The metrics for `run`'s data, each with its seed from the run's streams. A classifier that
  /// cannot be had (none cached under `.cachedOnly`, images it cannot take) is a note to
  /// `run.notes`, and its metric is left out.
  public static func standard(for run: Run, options: EvaluationOptions) throws -> EvaluationPlan {
    var metrics: [any SampleMetric] = []
    if let mixture = DataCatalog.mixture(named: run.configuration.dataset) {
      metrics.append(ModeCoverageMetric(mixture: mixture, seed: run.seeds.evaluationSamples))
    }
    var classifier: ReferenceClassifier?
    if run.data.kind == .images, run.classCount != nil, let found = try referenceClassifier(for: run, options: options) {
      classifier = found
      metrics.append(ClassifierJudgementMetric(
        classifier: found, seed: run.seeds.classifierJudgement, labelControlSeed: run.seeds.labelControl,
        labelControl: options.labelControl, targetAccuracy: options.targetAccuracy))
    }
    if let heldOut = run.heldOutLikelihoodMetric() { metrics.append(heldOut) }
    guard options.extent == .full, !options.labelControl, run.data.kind == .images else { return EvaluationPlan(metrics: metrics) }
    metrics += try comparisonMetrics(for: run, classifier: classifier, options: options)
    let classNames = run.isConditional ? try? run.classNames() : nil
    metrics.append(LatentWalkMetric(seed: run.seeds.latentWalks, classNames: classNames))
    if (try? DatasetSpecification(run.configuration.dataset).name) == DataCatalog.shapesName, let shapes = try run.source() as? ShapesSource {
      metrics.append(LatentFactorMetric(shapes: shapes.shapes, seed: run.seeds.latentFactors))
    }
    return EvaluationPlan(metrics: metrics)
  }

  /// The metrics that compare 10,000 samples with the data's splits, all sharing one
  /// `SampleComparison`; those in the classifier's features only when there is a classifier.
  private static func comparisonMetrics(for run: Run, classifier: ReferenceClassifier?, options: EvaluationOptions) throws -> [any SampleMetric] {
    let (found, reason) = try ComparisonCatalog.dataset(for: run.configuration.dataset, dataRoot: run.configuration.dataRoot)
    guard let dataset = found else {
      run.notes("no comparison with real images: \(reason ?? "no test split")")
      return []
    }
    guard options.sampleCount >= 1 else { throw UsageError("the comparison metrics need samples; asked for \(options.sampleCount)") }
    let comparison = SampleComparison(
      dataset: dataset, classifier: classifier, sampleCount: options.sampleCount, sampleSeed: run.seeds.comparisonSamples,
      floorSeed: run.seeds.comparisonFloor)
    var metrics: [any SampleMetric] = []
    if classifier != nil {
      metrics += [
        FrechetDistanceMetric(comparison: comparison), KernelDistanceMetric(comparison: comparison, seed: run.seeds.kernelDistanceSubsets),
        PrecisionRecallMetric(comparison: comparison), DensityCoverageMetric(comparison: comparison),
      ]
    } else {
      run.notes("no Fréchet or kernel distance, precision/recall, density/coverage or data-copying test: they are measured in the reference classifier's features, and there is none")
    }
    metrics.append(MemorisationMetric(comparison: comparison))
    if classifier != nil { metrics.append(DataCopyingMetric(comparison: comparison, seed: run.seeds.dataCopyingPartition)) }
    metrics += [ParzenWindowMetric(comparison: comparison), NeighbourGridMetric(comparison: comparison)] as [any SampleMetric]
    return metrics
  }

  private static func referenceClassifier(for run: Run, options: EvaluationOptions) throws -> ReferenceClassifier? {
    let dataset = run.configuration.dataset, dataRoot = run.configuration.dataRoot
    switch options.classifier {
    case .unused:
      run.notes("no classifier judgement: none asked for")
      return nil
    case .loadOrTrain:
      do {
        return try ClassifierCatalog.referenceClassifier(for: dataset, dataRoot: dataRoot, notes: run.notes, progress: options.classifierProgress)
      } catch ReferenceClassifierError.unsupportedShape(let shape, let reason) {
        // Images too small for its convolutions: the run is fine, the judgement impossible.
        run.notes("no classifier judgement: the reference classifier cannot take images of \(shape.map(String.init).joined(separator: "×")) (\(reason))")
        return nil
      }
    case .cachedRequired:
      let labelled = try ClassifierCatalog.labelledData(for: dataset, dataRoot: dataRoot, includeTraining: false)
      return try ClassifierCatalog.loadCached(labelled, dataset: dataset, dataRoot: dataRoot)
    case .cachedOnly:
      do {
        let labelled = try ClassifierCatalog.labelledData(for: dataset, dataRoot: dataRoot, includeTraining: false)
        return try ClassifierCatalog.loadCached(labelled, dataset: dataset, dataRoot: dataRoot)
      } catch {
        run.notes("no classifier judgement: \(error)\n  `zoo evaluate \(run.directory.path)` trains the reference classifier and judges the samples")
        return nil
      }
    }
  }
}
