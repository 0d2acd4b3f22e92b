import Foundation
import Testing
import ZooCore
import ZooRuns
import _TestSupport
import _ZooTestSupport

/// The run layer asks nothing GAN-shaped of a variant: a model without an objective trains,
/// logs its own terms, and refuses `--objective`.
@Suite struct VariantContractTests {
  @Test func aModelWithoutAnObjectivePassesTheConformanceSuite() throws {
    try checkVariant(MomentMatchingVariant.self, on: MixtureSource(mixture: .ring8))
  }

  @Test func runsNameAnObjectiveOnlyWhenThereIsOne() throws {
    #expect(try RunSpecification(variant: "moments", seed: 3).defaultDirectory(registry: testRegistry).path.hasSuffix("runs/moments-ring8-seed3"))
    #expect(try RunSpecification(variant: "gan").defaultDirectory(registry: testRegistry).path.hasSuffix("runs/gan-ring8-non-saturating-seed0"))
    #expect(try RunSpecification(variant: "gan", objective: "wgan-gp:lambda=1").defaultDirectory(registry: testRegistry).path
      .hasSuffix("runs/gan-ring8-wgan-gp-lambda1-seed0"))

    let folder = TemporaryFolder()
    let run = try RunFixtures.train("moments", steps: 3, in: folder)
    #expect(run.objective == nil)
    let configuration = try JSONSerialization.jsonObject(with: Data(contentsOf: run.directory.configuration)) as? [String: Any]
    #expect(configuration?["objective"] == nil && configuration?["variant"] as? String == "moments")
    let view = try RunView(run.directory.url)
    #expect(try view.losses()?.columns == ["step", "images_seen", "seconds", "loss_moments", "mean_gap"])
    #expect(try view.metrics()?.metrics["mode-coverage"] != nil)
    let reopened = try Run.open(run.directory.url, registry: testRegistry)
    #expect(reopened.state.step == 3 && reopened.samples(count: 4, seed: 0).shape == [4, 2])
  }

  @Test func objectiveOnAVariantWithoutOneIsAClearError() {
    #expect {
      _ = try Run.create(RunSpecification(variant: "moments", objective: "hinge"), registry: testRegistry, in: TemporaryFolder().url)
    } throws: { error in
      error is UsageError && "\(error)".contains("moments has no adversarial objective, so --objective hinge does not apply")
        && "\(error)".contains("(gan, cgan)")
    }
  }

  /// A start the variant refuses (cgan on unlabelled points) writes nothing.
  @Test func aFailedStartLeavesNoDirectoryBehind() {
    let folder = TemporaryFolder()
    let directory = folder.url.appendingPathComponent("runs/cgan")
    #expect { _ = try Run.create(RunSpecification(variant: "cgan", steps: 1), registry: testRegistry, in: directory) } throws: {
      "\($0)".contains("class labels")
    }
    #expect(!FileManager.default.fileExists(atPath: folder.file("runs")))
    #expect { _ = try Run.create(RunSpecification(variant: "gan", overrides: ["generatorWidths=wide"]), registry: testRegistry, in: directory) } throws: {
      "\($0)".contains("generatorWidths")
    }
    #expect(!FileManager.default.fileExists(atPath: folder.file("runs")))
  }
}
