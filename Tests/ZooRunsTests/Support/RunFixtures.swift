import ConditionalGAN
import Foundation
import VanillaGAN
import ZooCore
import ZooRuns
import _TestSupport

/// The variants these tests train: two GANs and a model without an objective.
let testRegistry = Registry(variants: [VanillaGANVariant.self, ConditionalGANVariant.self, MomentMatchingVariant.self])

enum RunFixtures {
  /// A vanilla GAN small enough to train in a blink.
  static let tinyGAN = ["latentDimension=4", "generatorWidths=[8,8]", "discriminatorWidths=[8]"]
  /// A conditional GAN as small.
  static let tinyConditionalGAN = ["latentDimension=4", "embeddingDimension=3", "multilayer.generatorWidths=[8,8]", "multilayer.discriminatorWidths=[8]"]

  /// Creates and trains a run of `steps` steps in `folder/name`; the run, released.
  @discardableResult
  static func train(
    _ variant: String = "gan", dataset: String = "ring8", objective: String? = nil, steps: Int = 3, batchSize: Int = 4, seed: UInt64 = 0,
    overrides: [String]? = nil, in folder: TemporaryFolder, name: String = "run", checkpointInterval: Int? = nil, dataRoot: String? = nil
  ) throws -> Run {
    let specification = RunSpecification(
      variant: variant, dataset: dataset, dataRoot: dataRoot, objective: objective, steps: steps, batchSize: batchSize, seed: seed,
      overrides: overrides ?? (variant == "cgan" ? tinyConditionalGAN : variant == "gan" ? tinyGAN : []), checkpointInterval: checkpointInterval)
    let run = try Run.create(specification, registry: testRegistry, in: URL(fileURLWithPath: folder.file(name)))
    try run.train()
    run.release()
    return run
  }
}
