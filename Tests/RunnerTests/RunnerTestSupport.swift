import Foundation
import ZooRuns
import _TestSupport
@testable import zoo

/// Runs trained through the runner's own registry.
enum RunnerFixtures {
  static let tinyGAN = ["latentDimension=4", "generatorWidths=[8,8]", "discriminatorWidths=[8]"]
  static let tinyConditionalGAN = ["latentDimension=4", "embeddingDimension=3", "multilayer.generatorWidths=[8,8]", "multilayer.discriminatorWidths=[8]"]

  /// Trains a tiny `variant` for `steps` steps into `folder/run`; the run directory's path.
  static func train(_ variant: String = "gan", dataset: String, dataRoot: String? = nil, in folder: TemporaryFolder, steps: Int = 3) throws -> String {
    let directory = folder.file("run")
    let specification = RunSpecification(
      variant: variant, dataset: dataset, dataRoot: dataRoot, steps: steps, batchSize: variant == "cgan" ? 4 : 4,
      overrides: variant == "cgan" ? tinyConditionalGAN : tinyGAN)
    try Run.create(specification, registry: registry, in: URL(fileURLWithPath: directory)).train()
    return directory
  }
}
