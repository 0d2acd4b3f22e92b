import Datasets
import Foundation
import ImageFiles
import TensorBackend
import Testing
import ZooEvaluation
import ZooRuns
import _TestSupport
@testable import zoo

/// `zoo train` on image data sources from the catalog, then `zoo sample` in every format.
@Suite struct SampleOutputTests {
  static func train(_ dataset: String, in folder: TemporaryFolder, steps: Int = 3) throws -> String {
    try RunnerFixtures.train(dataset: dataset, in: folder, steps: steps)
  }

  @Test func grayFolderRunSamplesAsPNGNpyAndIDX() throws {
    let folder = TemporaryFolder()
    for i in 0..<6 {
      folder.write(try Image(width: 10, height: 6, channels: 1, repeating: UInt8(40 * i)).pngBytes(), to: "images/\(i).png")
    }
    let run = try Self.train(folder.file("images") + ":size=8", in: folder)
    try SampleCommand.parse([run, "--count", "5", "--format", "npy", "--out", folder.file("s.npy")]).run()
    let array = try NumPyArray(decoding: folder.bytes("s.npy"))
    #expect(array.shape == [5, 1, 8, 8] && array.values.allSatisfy { (-1...1).contains($0) })

    try SampleCommand.parse([run, "--count", "5", "--format", "idx", "--out", folder.file("s.idx")]).run()
    let idx = folder.bytes("s.idx")
    #expect(Array(idx.prefix(4)) == [0, 0, 8, 3], "gray samples are (N, H, W): magic 0x00000803")
    let decoded = try IDXArray(decoding: idx)
    #expect(decoded.shape == [5, 8, 8])
    // The same samples: byte = round((v + 1) / 2 · 255).
    for (byte, value) in zip(decoded.bytes, array.values) {
      #expect(abs(Double(byte) - Double((value + 1) * 127.5)) <= 0.5 + 1e-3, "\(byte) vs \(value)")
    }

    try SampleCommand.parse([run, "--count", "6", "--out", folder.file("s.png")]).run()
    #expect(try Image(pngFile: folder.file("s.png")).channels == 1)
  }

  @Test func colorShapesRunWritesFourDimensionalIDX() throws {
    let folder = TemporaryFolder()
    let run = try Self.train("shapes:size=8", in: folder, steps: 2)
    try SampleCommand.parse([run, "--count", "3", "--format", "idx", "--out", folder.file("s.idx")]).run()
    let idx = folder.bytes("s.idx")
    #expect(Array(idx.prefix(4)) == [0, 0, 8, 4], "RGB samples are (N, C, H, W): magic 0x00000804")
    #expect(try IDXArray(decoding: idx).shape == [3, 3, 8, 8])
    // Default file name: <run>/sample-seed1.<format>.
    try SampleCommand.parse([run, "--count", "3", "--format", "npy"]).run()
    #expect(try NumPyArray(decoding: folder.bytes("run/sample-seed1.npy")).shape == [3, 3, 8, 8])
  }

  @Test func pointRunsWriteNpyAndRefuseIDX() throws {
    let folder = TemporaryFolder()
    let run = try Self.train("ring8", in: folder, steps: 2)
    try SampleCommand.parse([run, "--count", "7", "--format", "npy", "--out", folder.file("p.npy")]).run()
    #expect(try NumPyArray(decoding: folder.bytes("p.npy")).shape == [7, 2])
    #expect { try SampleCommand.parse([run, "--format", "idx"]).run() } throws: { "\($0)".contains("IDX holds images") }
    try SampleCommand.parse([run, "--count", "7", "--out", folder.file("p.png")]).run()
    #expect(FileManager.default.fileExists(atPath: folder.file("p.png")))
  }

  @Test(.enabled(if: SharedData.hasMNIST, "needs ../shared/datasets/mnist beside the package root"))
  func mnistRunRecordsItsAbsoluteDataRoot() throws {
    let folder = TemporaryFolder()
    let run = try RunnerFixtures.train(dataset: "mnist", dataRoot: SharedData.folder, in: folder, steps: 1)
    #expect(try RunView(URL(fileURLWithPath: run)).configuration.dataRoot == SharedData.folder)
    #expect(try Run.open(URL(fileURLWithPath: run), registry: registry).data.sampleShape == [1, 28, 28])
  }

  /// The bytes `zoo sample --format npy` writes are numpy's own: numpy loads them when present.
  @Test func npyOfATensorKeepsShapeAndValues() throws {
    let tensor = Tensor(shape: [2, 1, 2, 2], scalars: [-1, -0.5, 0, 0.5, 1, 0.25, -0.25, 0.75])
    let array = try NumPyArray(decoding: SampleFiles.npy(tensor))
    #expect(array.shape == [2, 1, 2, 2] && array.values == tensor.floats)
    let idx = try IDXArray(decoding: SampleFiles.idx(tensor))
    #expect(idx.shape == [2, 2, 2] && idx.bytes == [0, 64, 128, 191, 255, 159, 96, 223])
  }
}
