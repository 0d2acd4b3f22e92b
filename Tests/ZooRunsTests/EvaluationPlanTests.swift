import ConditionalGAN
import Foundation
import Testing
import VanillaGAN
import ZooEvaluation
@testable import ZooRuns
import _TestSupport

/// The evaluation plan picks its metrics from what the run's data is and what its generator
/// declares (conditional or not), never from the variant's name.
@Suite struct EvaluationPlanTests {
  let registry = Registry(variants: [VanillaGANVariant.self, ConditionalGANVariant.self])

  func plan(_ variant: String, dataset: String, options: EvaluationOptions) throws -> (keys: [String], notes: [String]) {
    let temporary = TemporaryFolder()
    let notes = NoteLog()
    let run = try Run.create(
      RunSpecification(variant: variant, dataset: dataset, steps: 1, batchSize: 8), registry: registry,
      in: temporary.url.appendingPathComponent("run"), notes: notes.add)
    defer { run.release() }
    return (try EvaluationPlan.standard(for: run, options: options).metrics.map(\.key), notes.lines)
  }

  /// (A conditional variant: its walks are drawn under every class, its plan is the same.)
  @Test func imagesWithoutAClassifierGetThePixelMetricsTheWalksAndOnShapesTheFactors() throws {
    let (keys, notes) = try plan("cgan", dataset: "shapes:size=16", options: EvaluationOptions(classifier: .unused))
    #expect(keys == ["memorisation", "parzen-window", "nearest-neighbours", "latent-walks", "latent-factors"], "\(keys)")
    #expect(notes.contains { $0.contains("no Fréchet or kernel distance") }, "\(notes)")
  }

  @Test func theEndOfTrainingExtentKeepsToTheQuickFigures() throws {
    let (keys, _) = try plan("gan", dataset: "shapes:size=16", options: EvaluationOptions(classifier: .unused, extent: .endOfTraining))
    #expect(keys.isEmpty, "\(keys)")
  }

  @Test func pointsGetModeCoverageAlone() throws {
    let (keys, _) = try plan("gan", dataset: "ring8", options: EvaluationOptions(classifier: .unused))
    #expect(keys == ["mode-coverage"], "\(keys)")
  }
}

/// Collects a run's notes.
final class NoteLog: @unchecked Sendable {
  private(set) var lines: [String] = []
  func add(_ line: String) { lines.append(line) }
}
