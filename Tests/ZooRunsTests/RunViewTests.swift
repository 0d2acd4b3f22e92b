import Datasets
import Foundation
import Testing
import ZooCore
import ZooRuns
import _TestSupport

/// Reading runs is cheap: a `RunView` holds no registry, so it cannot build a network, and the
/// runs' data is moved away before they are read, so nothing can load it.
@Suite struct RunViewTests {
  /// Eight labelled 8×8 images in MNIST's files under `root`/mnist.
  static func writeTinyMNIST(in folder: TemporaryFolder, root: String) {
    let images = IDXArray(shape: [8, 8, 8], bytes: (0..<512).map { UInt8(($0 * 37) % 256) })
    folder.write(images.encoded(), to: root + "/mnist/" + MNIST.Split.train.imageFile)
    folder.write(IDXArray(shape: [8], bytes: (0..<8).map { UInt8($0 % 4) }).encoded(), to: root + "/mnist/" + MNIST.Split.train.labelFile)
  }

  @Test func twentyRunsAreReadWithoutTheirDataOrNetworks() throws {
    let folder = TemporaryFolder()
    Self.writeTinyMNIST(in: folder, root: "data")
    for seed in 0..<2 {
      let specification = RunSpecification(
        variant: "gan", dataset: "mnist", dataRoot: folder.file("data"), steps: 2, batchSize: 4, seed: UInt64(seed), overrides: RunFixtures.tinyGAN)
      let run = try Run.create(specification, registry: testRegistry, in: folder.url.appendingPathComponent("trained/\(seed)"))
      try run.train()
    }
    // Twenty run directories: ten copies of each.
    for index in 0..<20 {
      try FileManager.default.copyItem(atPath: folder.file("trained/\(index % 2)"), toPath: folder.file("runs/run-\(index)"))
    }
    try FileManager.default.moveItem(atPath: folder.file("data"), toPath: folder.file("moved"))
    DataCatalog.forgetLoadedData()
    #expect(throws: (any Error).self) { _ = try DataCatalog.source(named: "mnist", dataRoot: folder.file("data")) }

    let views = try RunView.all(under: folder.url.appendingPathComponent("runs"))
    #expect(views.count == 20)
    for view in views {
      #expect(view.configuration.variant == "gan" && view.configuration.dataRoot == folder.file("data"))
      #expect(view.configuration.data?.sampleShape == [1, 8, 8] && view.configuration.classNames?.count == 10)
      let losses = try #require(try view.losses())
      #expect(losses.columns == ["step", "images_seen", "seconds", "loss_discriminator", "loss_generator", "mean_d_real", "mean_d_fake"])
      #expect(losses.rows.count == 2)
      let metrics = try #require(try view.metrics())
      #expect(metrics.variant == "gan" && metrics.objective == "non-saturating" && metrics.step == 2)
      #expect(try view.progress()?.step == 2)
    }

    // Sampling needs the checkpoint alone.
    let run = try Run.open(views[0].directory.url, registry: testRegistry)
    #expect(run.state.step == 2)
    let samples = run.samples(count: 5, seed: 1)
    #expect(samples.shape == [5, 1, 8, 8])
    _ = try run.picture(of: samples)
  }
}
