import Datasets
import Foundation
import TensorBackend
import Testing
import VAE
import VanillaGAN
import ZooCore
import ZooEvaluation
import ZooRuns
import _TestSupport

/// The VAE through the run layer, as `zoo train vae` runs it: no objective, its held-out bound
/// in losses.csv after every epoch, its held-out likelihood in metrics.json, reconstructions.
@Suite struct VAERunTests {
  let registry = Registry(variants: [VanillaGANVariant.self, VAEVariant.self])
  let tiny = [
    "multilayer.encoderWidths=[16]", "multilayer.decoderWidths=[16]", "latentDimension=3",
    "evaluation.importanceSamples=30", "evaluation.sampleCount=6",
  ]

  /// Eight 8×8 images in each of MNIST's two splits under `root`/mnist, unlabelled.
  static func writeTinyMNIST(in folder: TemporaryFolder, root: String) {
    for (split, offset) in [(MNIST.Split.train, 0), (.test, 7)] {
      let images = IDXArray(shape: [8, 8, 8], bytes: (0..<512).map { UInt8((($0 + offset) * 37) % 256) })
      folder.write(images.encoded(), to: root + "/mnist/" + split.imageFile)
    }
  }

  /// A run of 6 steps of 4 on the tiny MNIST written under `folder`/data, with the tiny networks.
  func tinyMNISTRun(in folder: TemporaryFolder) -> RunSpecification {
    Self.writeTinyMNIST(in: folder, root: "data")
    return RunSpecification(variant: "vae", dataset: "mnist", dataRoot: folder.file("data"), steps: 6, batchSize: 4, overrides: tiny)
  }

  @Test func anObjectiveIsRefusedSayingTheVAEHasNone() {
    #expect {
      _ = try Run.create(RunSpecification(variant: "vae", objective: "hinge"), registry: registry, in: TemporaryFolder().url)
    } throws: { error in
      error is UsageError && "\(error)".contains("vae has no adversarial objective, so --objective hinge does not apply")
    }
  }

  /// On data of fixed size (epochs of 8 images, batches of 4) the held-out bound fills its
  /// columns after every second step; metrics.json holds the held-out likelihood of the test
  /// split, its estimate above the bound, and the last logged bound equals the final one.
  @Test func aRunLogsTheHeldOutBoundEveryEpochAndReportsTheLikelihood() throws {
    let folder = TemporaryFolder()
    let specification = tinyMNISTRun(in: folder)
    let run = try Run.create(specification, registry: registry, in: folder.url.appendingPathComponent("run"))
    #expect(run.objective == nil && run.configuration.objective == nil)
    let result = try run.train()
    guard case .finished(let evaluation?) = result else { Issue.record("training did not finish with an evaluation: \(result)"); return }

    let log = try LossLog.read(from: run.directory.lossLog)
    #expect(log.columns == [
      "step", "images_seen", "seconds", "loss_reconstruction", "loss_kl", "negative_elbo", "test_negative_elbo", "test_reconstruction", "test_kl",
    ])
    let measured = try #require(log.values(of: "test_negative_elbo"))
    #expect(measured.enumerated().allSatisfy { ($0.offset % 2 == 1) == $0.element.isFinite }, "held-out bound at steps \(measured)")

    let report = try #require(try evaluation.file.report("held-out-likelihood", as: HeldOutLikelihoodReport.self))
    #expect(report.split == "mnist test split" && report.sampleCount == 8 && report.importanceSamples == 30 && report.importanceSampledCount == 6)
    #expect(report.bound.map(\.name) == ["negative_elbo", "reconstruction", "kl"])
    #expect(report.likelihood == "Bernoulli on pixels in [0, 1]")
    #expect(report.negativeLogLikelihood.mean < report.negativeBoundOfImportanceSampled.mean)
    let final = report.bound[0].estimate.mean, logged = measured.last!
    #expect(abs(final - logged) <= 1e-9 * abs(final), "metrics.json bound \(final), last logged \(logged)")
    let parts = report.bound[1].estimate.mean + report.bound[2].estimate.mean
    // The terms are float32 sums, added in float64.
    #expect(abs(final - parts) <= 1e-6 * abs(final), "bound \(final), reconstruction + KL \(parts)")
    #expect(FileManager.default.fileExists(atPath: run.directory.reconstructions.path))
    #expect(evaluation.summary.contains("held-out negative elbo"))
    run.release()

    // Resumed from its checkpoint, the run keeps the same columns and figures.
    let reopened = try Run.open(run.directory.url, registry: registry, access: .write)
    #expect(reopened.trainer.likelihoodModel != nil && reopened.state.step == 6)
    let again = try reopened.evaluate()
    #expect(try again.file.report("held-out-likelihood", as: HeldOutLikelihoodReport.self) == report)
  }

  /// On data drawn afresh the bound is measured every tenth of the run, on a fixed draw.
  @Test func onPointsTheBoundIsLoggedEveryTenthOfTheRun() throws {
    let folder = TemporaryFolder()
    let run = try Run.create(
      RunSpecification(variant: "vae", dataset: "ring8", steps: 20, batchSize: 16, overrides: tiny), registry: registry,
      in: folder.url.appendingPathComponent("run"))
    try run.train()
    let measured = try #require(try LossLog.read(from: run.directory.lossLog).values(of: "test_kl"))
    #expect(measured.enumerated().allSatisfy { ($0.offset % 2 == 1) == $0.element.isFinite }, "held-out KL at steps \(measured)")
    let metrics = try MetricsFile.read(from: run.directory.metrics)
    #expect(metrics.metrics["mode-coverage"] != nil)
    #expect(try metrics.report("held-out-likelihood", as: HeldOutLikelihoodReport.self)?.split == "10000 held-out draws of ring8")
    #expect(!FileManager.default.fileExists(atPath: run.directory.reconstructions.path))
  }

  /// Two processes sharing every batch (threads standing in for them) write the run one process
  /// writes: the same losses, held-out bound and held-out likelihood, within float rounding.
  @Test func aDataParallelRunWritesWhatOneProcessWrites() throws {
    let folder = TemporaryFolder()
    let specification = tinyMNISTRun(in: folder)
    let alone = try Run.create(specification, registry: registry, in: folder.url.appendingPathComponent("alone"))
    try alone.train()
    let shared = folder.url.appendingPathComponent("shared")
    _ = try ThreadProcessGroup.run(size: 2) { group in
      try Run.create(specification, registry: registry, in: shared, processGroup: group).train()
    }
    let a = try LossLog.read(from: alone.directory.lossLog), b = try LossLog.read(from: RunDirectory(shared).lossLog)
    #expect(a.columns == b.columns)
    for column in a.columns.dropFirst(3) {
      let x = try #require(a.values(of: column)), y = try #require(b.values(of: column))
      for (u, v) in zip(x, y) {
        #expect(u.isNaN ? v.isNaN : abs(u - v) <= 1e-4 * abs(u), "\(column): one process \(u), two \(v), relative tolerance 1e-4")
      }
    }
    let one = try #require(try MetricsFile.read(from: alone.directory.metrics).report("held-out-likelihood", as: HeldOutLikelihoodReport.self))
    let two = try #require(try MetricsFile.read(from: RunDirectory(shared).metrics).report("held-out-likelihood", as: HeldOutLikelihoodReport.self))
    let (u, v) = (one.negativeLogLikelihood.mean, two.negativeLogLikelihood.mean)
    #expect(abs(u - v) <= 1e-4 * abs(u), "−log p(x): one process \(u), two \(v), relative tolerance 1e-4")
  }
}

