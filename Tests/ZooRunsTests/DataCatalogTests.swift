import Datasets
import Foundation
import ImageFiles
import TensorBackend
import Testing
import ZooCore
@testable import ZooRuns
import _TestSupport

@Suite struct DataCatalogTests {
  @Test func everyDatasetIsListed() {
    #expect(DataCatalog.names == ["ring8", "grid25", "line3", "mnist", "shapes"])
    #expect(DataCatalog.summaries.map(\.name).contains("<folder>"))
  }

  @Test func shapesDescribeThemselvesAndTakeOptions() throws {
    let source = try DataCatalog.source(named: "shapes")
    #expect(source.description == DataDescription(kind: .images, sampleShape: [3, 32, 32], classCount: 5, valueRange: -1...1))
    var small = try DataCatalog.source(named: "shapes:size=16,channels=1")
    #expect(small.description.sampleShape == [1, 16, 16])
    var generator = SplitMix64(seed: 3)
    let batch = try small.nextBatch(size: 4, using: &generator)
    #expect(batch.samples.shape == [4, 1, 16, 16] && batch.labels?.shape == [4])
    #expect((small as? ShapesSource)?.lastFactors.map { Double($0.kind.rawValue) } == batch.labels?.scalars)
  }

  @Test func badSpecificationsSayWhatIsWrong() {
    let cases: [(String, String)] = [
      ("shapes:size=abc", "size=abc must be a whole number in 4...1024"),
      ("shapes:colour=1", "unknown option for shapes 'colour'"),
      ("shapes:channels=2", "shapes are gray (1) or RGB (3)"),
      ("ring8:size=3", "ring8 takes no options"),
      ("mnist:split=val", "MNIST has splits train and test"),
      ("shapes:size", "is not key=value"),
      ("rnig8", "Did you mean 'ring8'?"),
    ]
    for (specification, message) in cases {
      #expect { _ = try DataCatalog.source(named: specification, dataRoot: "/nonexistent") } throws: { error in
        "\(error)".contains(message)
      }
    }
  }

  @Test func runNamesAreShortAndSafe() {
    #expect(DataCatalog.runName(for: "mnist") == "mnist")
    #expect(DataCatalog.runName(for: "mnist:pad=32") == "mnist-pad32")
    #expect(DataCatalog.runName(for: "../shared/datasets/att_faces") == "att_faces")
    #expect(DataCatalog.runName(for: "photos/:size=64,channels=3") == "photos-channels3-size64")
  }

  /// A folder source hands out shuffled epochs whose order depends on its seed alone, so a
  /// resumed run sees exactly the batches an uninterrupted one does.
  @Test func folderSourceResumesExactly() throws {
    let folder = TemporaryFolder()
    for i in 0..<7 {
      folder.write(try Image(width: 4, height: 4, channels: 1, repeating: UInt8(i * 30)).pngBytes(), to: "\(i % 2 == 0 ? "even" : "odd")/\(i).png")
    }
    var uninterrupted = try DataCatalog.source(named: folder.path + ":size=4", seed: 77)
    #expect(uninterrupted.description == DataDescription(kind: .images, sampleShape: [1, 4, 4], classCount: 2, valueRange: -1...1, epochSize: 7))
    var generator = SplitMix64(seed: 0)
    let batches = try (0..<6).map { _ in try uninterrupted.nextBatch(size: 3, using: &generator) }
    var resumed = try DataCatalog.source(named: folder.path + ":size=4", seed: 77)
    resumed.resume(atSample: 9)
    for step in 3..<6 {
      let batch = try resumed.nextBatch(size: 3, using: &generator)
      #expect(batch.samples.scalars == batches[step].samples.scalars && batch.labels?.scalars == batches[step].labels?.scalars)
    }
    var otherSeed = try DataCatalog.source(named: folder.path + ":size=4", seed: 78)
    let other = try (0..<3).map { _ in try otherSeed.nextBatch(size: 3, using: &generator).samples.scalars }
    #expect(other != batches.prefix(3).map { $0.samples.scalars })
  }

  @Test(.enabled(if: SharedData.hasMNIST, "needs ../shared/datasets/mnist beside the package root"))
  func mnistFromTheDataRootWithPadding() throws {
    let source = try DataCatalog.source(named: "mnist", dataRoot: SharedData.folder)
    #expect(source.description == DataDescription(kind: .images, sampleShape: [1, 28, 28], classCount: 10, valueRange: -1...1, epochSize: 60_000))
    var padded = try DataCatalog.source(named: "mnist:pad=32", dataRoot: SharedData.folder)
    #expect(padded.description.sampleShape == [1, 32, 32])
    var generator = SplitMix64(seed: 0)
    let batch = try padded.nextBatch(size: 2, using: &generator)
    // The two-pixel border is background (−1).
    #expect(batch.samples.scalars.prefix(64).allSatisfy { $0 == -1 })
    let test = try DataCatalog.source(named: "mnist:split=test", dataRoot: SharedData.folder)
    #expect(test.description.epochSize == 10_000)
  }

  @Test(.enabled(if: SharedData.hasFaces, "needs ../shared/datasets/att_faces beside the package root"))
  func facesFolderDefaultsTo64Pixels() throws {
    var notes: [String] = []
    let source = try DataCatalog.source(named: SharedData.folder + "/att_faces:size=48", notes: { notes.append($0) })
    #expect(source.description == DataDescription(kind: .images, sampleShape: [1, 48, 48], classCount: 40, valueRange: -1...1, epochSize: 400))
    #expect(notes.count == 1 && notes[0].contains("resized 400 of 400 images (92×112) to 48×48"))
    #expect(DataCatalog.defaultFolderImageSize == 64)
  }
}
