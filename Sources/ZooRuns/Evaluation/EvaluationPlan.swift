import Foundation
import ZooCore
import ZooEvaluation

/// The metrics a run's evaluation computes, picked for its data: mode coverage on a Gaussian
/// mixture; the reference classifier's judgement on labelled images; for a model with a
/// likelihood (a VAE), its held-out likelihood on any data. A metric added to the
/// harness is one more line in `standard(for:options:)`; each writes its own key into
/// metrics.json, and neither the runner nor the loop changes.
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
    if run.data.kind == .images, run.classCount != nil, let classifier = try referenceClassifier(for: run, options: options) {
      metrics.append(ClassifierJudgementMetric(
        classifier: classifier, seed: run.seeds.classifierJudgement, labelControlSeed: run.seeds.labelControl,
        labelControl: options.labelControl, targetAccuracy: options.targetAccuracy))
    }
    if let heldOut = run.heldOutLikelihoodMetric() { metrics.append(heldOut) }
    return EvaluationPlan(metrics: metrics)
  }

  private static func referenceClassifier(for run: Run, options: EvaluationOptions) throws -> ReferenceClassifier? {
    let dataset = run.configuration.dataset, dataRoot = run.configuration.dataRoot
    switch options.classifier {
    case .loadOrTrain:
      do {
        return try ClassifierCatalog.referenceClassifier(for: dataset, dataRoot: dataRoot, notes: run.notes, progress: options.classifierProgress)
      } catch ReferenceClassifierError.unsupportedShape(let shape, let reason) {
        // Images too small for its convolutions: the run is fine, the judgement impossible.
        run.notes("no classifier judgement: the reference classifier cannot take images of \(shape.map(String.init).joined(separator: "×")) (\(reason))")
        return nil
      }
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
