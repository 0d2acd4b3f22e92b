import NeuralNetworks
import TensorBackend
import ZooCore

/// LAPGAN's training: L adversarial games, one per pyramid level, each played by the shared
/// `AdversarialTrainer` on its level of the same real batch (Denton et al. 2015, section 3: "the
/// generative models at each level are trained independently", each on the real pyramid).
///
/// Every step draws the real batches the levels' loop takes (k, its discriminator steps),
/// builds their `LaplacianPyramid`s and hands level 0 the coarsest images x₀, with the class
/// labels for CC-LAPGAN, and level k ≥ 1 the residuals hₖ conditioned on lₖ (and the class,
/// `CoarseCondition`), in order 0, 1, …, L−1, as the `lapgan32` reference workload does.
/// Level 0 may take s steps where the finer levels take one (`coarseStepsPerStep`): its further
/// s − 1 steps draw k real batches each, just before they use them, and its record is the mean
/// of its s steps. Images a little smaller than the pyramid (28×28 digits on a 32×32 pyramid)
/// are first padded with the low end of the value range (black), as `mnist:pad=32` pads them.
///
/// Each level's record joins the step's under the level's name: losses and diagnostics
/// "level0/discriminator", "level0/generator", …, "level2/mean_d_fake" (the loss log's columns
/// `loss_level0/discriminator`, …). The state is each level's, under "levelk." ("level1.generator.
/// net.0.weight", "level1.discriminator_optimizer.step_count").
public final class PyramidTrainer: Trainer {
  /// The levels' trainers, coarsest first.
  public let levels: [AdversarialTrainer]
  /// The chain of the levels' generators.
  public let pyramidGenerator: PyramidGenerator
  /// Pixels added on every side of a real image before its pyramid is built.
  public let margin: Int
  /// The value of those pixels.
  public let paddingValue: Double
  /// s, level 0's steps per step, each on real batches of its own; the finer levels take one.
  public let coarseStepsPerStep: Int

  public init(levels: [AdversarialTrainer], sampler: PyramidGenerator, margin: Int, paddingValue: Double, coarseStepsPerStep: Int = 1) {
    precondition(!levels.isEmpty, "PyramidTrainer: needs at least one level")
    precondition(Set(levels.map(\.batchesPerStep)).count == 1, "PyramidTrainer: the levels take different numbers of batches per step")
    precondition(coarseStepsPerStep >= 1, "PyramidTrainer: level 0 takes at least one step per step, got \(coarseStepsPerStep)")
    self.coarseStepsPerStep = coarseStepsPerStep
    self.levels = levels
    pyramidGenerator = sampler
    self.margin = margin
    self.paddingValue = paddingValue
  }

  public var batchSize: Int { levels[0].batchSize }

  /// k·s: every level takes one level of each of the first k real batches; level 0's s − 1
  /// further steps take k batches each.
  public var batchesPerStep: Int { levels[0].batchesPerStep * coarseStepsPerStep }

  public var sampler: any Generator { pyramidGenerator }

  /// Whether the levels read class labels (CC-LAPGAN).
  var isClassConditional: Bool { pyramidGenerator.conditionalClassCount != nil }

  public var networks: [(name: String, layer: any Layer)] {
    levels.enumerated().map { ("level\($0.offset)", PyramidLevel(generator: $0.element.generator, discriminator: $0.element.discriminator)) }
  }

  public func step(nextBatch: (inout SplitMix64) throws -> Batch, using generator: inout SplitMix64) throws -> StepRecord {
    let batchesPerLevelStep = levels[0].batchesPerStep
    let shared = try (0..<batchesPerLevelStep).map { _ in
      let real = try nextBatch(&generator)
      return (pyramid: LaplacianPyramid(padded(real.samples), levels: levels.count), labels: real.labels)
    }
    var losses: [StepRecord.Term] = [], diagnostics: [StepRecord.Term] = []
    for (k, level) in levels.enumerated() {
      var records = [try level.step(on: shared.map { levelBatch(k, of: $0.pyramid, labels: $0.labels) }, using: &generator)]
      // Level 0's further steps read only x₀ of their own batches: no upsampling or residuals.
      for _ in 1..<(k == 0 ? coarseStepsPerStep : 1) {
        let own = try (0..<batchesPerLevelStep).map { _ in
          let real = try nextBatch(&generator)
          return coarsestBatch(LaplacianPyramid.gaussian(padded(real.samples), levels: levels.count)[0], labels: real.labels)
        }
        records.append(try level.step(on: own, using: &generator))
      }
      losses += Self.mean(records.map(\.losses)).map { .init("level\(k)/\($0.name)", $0.value) }
      diagnostics += Self.mean(records.map(\.diagnostics)).map { .init("level\(k)/\($0.name)", $0.value) }
    }
    // The run's batches, as `AdversarialTrainer` counts them: in a data-parallel run each process
    // holds a shard of every batch, and the run has seen the whole batch.
    return StepRecord(samplesConsumed: batchSize * batchesPerStep, losses: losses, diagnostics: diagnostics)
  }

  /// Each term's mean over a level's steps (the one step's terms when it took one).
  static func mean(_ steps: [[StepRecord.Term]]) -> [StepRecord.Term] {
    guard steps.count > 1 else { return steps[0] }
    return steps[0].indices.map { i in .init(steps[0][i].name, steps.reduce(0) { $0 + $1[i].value } / Double(steps.count)) }
  }

  /// Level k's part of a real batch: x₀ [with the labels], or hₖ conditioned on lₖ [and the class].
  func levelBatch(_ k: Int, of pyramid: LaplacianPyramid, labels: Tensor?) -> Batch {
    if k == 0 { return coarsestBatch(pyramid.images[0], labels: labels) }
    let classes = isClassConditional ? labels : nil
    return Batch(samples: pyramid.residuals[k - 1], condition: CoarseCondition.make(coarse: pyramid.coarse[k - 1], labels: classes), labels: labels)
  }

  /// Level 0's batch: x₀, conditioned on the class for CC-LAPGAN.
  func coarsestBatch(_ coarsest: Tensor, labels: Tensor?) -> Batch {
    Batch(samples: coarsest, condition: isClassConditional ? labels : nil, labels: labels)
  }

  /// Images (N, C, S, S) with `margin` pixels of `paddingValue` added on every side.
  func padded(_ images: Tensor) -> Tensor {
    guard margin > 0 else { return images }
    let n = images.shape[0], c = images.shape[1], side = images.shape[2]
    func border(_ shape: [Int]) -> Tensor { Tensor.zeros(shape, dtype: images.dtype) + paddingValue }
    let wide = Tensor.concatenate([border([n, c, side, margin]), images, border([n, c, side, margin])], alongAxis: 3)
    let full = side + 2 * margin
    return Tensor.concatenate([border([n, c, margin, full]), wide, border([n, c, margin, full])], alongAxis: 2)
  }

  public func exportState() -> [String: Tensor] {
    var state: [String: Tensor] = [:]
    for (k, level) in levels.enumerated() {
      for (name, tensor) in level.exportState() { state["level\(k).\(name)"] = tensor }
    }
    return state
  }

  /// Every level's part of `state`; nothing changes unless every level takes its part and no
  /// tensor is left over.
  public func importState(_ state: [String: Tensor]) throws {
    var parts = [[String: Tensor]](repeating: [:], count: levels.count)
    for (name, tensor) in state {
      guard let dot = name.firstIndex(of: "."), name.hasPrefix("level"), let k = Int(name[name.index(name.startIndex, offsetBy: 5)..<dot]),
        parts.indices.contains(k)
      else { throw StateImportError("unexpected tensor \"\(name)\": a \(levels.count)-level pyramid names its tensors level0. … level\(levels.count - 1).") }
      parts[k][String(name[name.index(after: dot)...])] = tensor
    }
    let backups = levels.map { $0.exportState() }
    do {
      for (level, part) in zip(levels, parts) { try level.importState(part) }
    } catch {
      for (level, backup) in zip(levels, backups) { try? level.importState(backup) }
      throw error
    }
  }
}
