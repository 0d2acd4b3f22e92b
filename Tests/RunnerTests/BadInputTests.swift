import Datasets
import Foundation
import ImageFiles
import Testing
import ZooRuns
import _TestSupport
@testable import zoo

/// Every kind of bad input reaches the user as a message naming the file and the problem, and
/// `zoo` exits non-zero (ArgumentParser's exit code for a thrown error), with no crash.
@Suite struct BadInputTests {
  /// The message `zoo` prints for a failure while opening `dataset`, after checking the exit code.
  static func failure(_ dataset: String, dataRoot: String? = nil) -> String? {
    do {
      _ = try DataCatalog.source(named: dataset, dataRoot: dataRoot)
      return nil
    } catch {
      guard ZooCommand.exitCode(for: error) != .success else { return "exit code 0 for \(error)" }
      return ZooCommand.fullMessage(for: error)
    }
  }

  @Test func missingDataRootAndMissingMNIST() {
    let root = TemporaryFolder()
    let missingRoot = Self.failure("mnist", dataRoot: root.path + "/nowhere")
    #expect(missingRoot?.contains("nowhere: the data root (from --data-root) does not exist") == true, "\(missingRoot ?? "no error")")
    #expect(missingRoot?.contains("zoo data fetch mnist") == true)
    let missingFiles = Self.failure("mnist", dataRoot: root.path)
    #expect(missingFiles?.contains("mnist: no MNIST folder here") == true && missingFiles?.contains("zoo data fetch mnist") == true, "\(missingFiles ?? "no error")")
  }

  @Test func brokenMNISTFiles() {
    let root = TemporaryFolder()
    let images = IDXArray(shape: [4, 2, 2], bytes: [UInt8](repeating: 9, count: 16)).encoded()
    // Truncated gzip.
    let gz = Gzip.compress(images)
    root.write(Array(gz.prefix(gz.count - 3)), to: "mnist/train-images-idx3-ubyte.gz")
    #expect(Self.failure("mnist", dataRoot: root.path)?.contains("train-images-idx3-ubyte.gz: gzip: truncated") == true)
    // Wrong magic number.
    root.write(Gzip.compress(IDXArray(shape: [16], bytes: [UInt8](repeating: 9, count: 16)).encoded()), to: "mnist/train-images-idx3-ubyte.gz")
    #expect(Self.failure("mnist", dataRoot: root.path)?.contains("train-images-idx3-ubyte.gz: IDX: wrong magic number 0x00000801") == true)
    // Counts that disagree.
    root.write(Gzip.compress(images), to: "mnist/train-images-idx3-ubyte.gz")
    root.write(IDXArray(shape: [3], bytes: [1, 2, 3]).encoded(), to: "mnist/train-labels-idx1-ubyte")
    let counts = Self.failure("mnist", dataRoot: root.path)
    #expect(counts?.contains("train-labels-idx1-ubyte: holds 3 labels but") == true && counts?.contains("holds 4 images") == true, "\(counts ?? "no error")")
  }

  @Test func brokenImageFolders() throws {
    let empty = TemporaryFolder()
    #expect(Self.failure(empty.path)?.contains("no images") == true)
    #expect(Self.failure(empty.path + "/absent")?.contains("absent: no such folder") == true)

    let mixed = TemporaryFolder()
    mixed.write(try Image(width: 5, height: 5, channels: 1).pngBytes(), to: "a.png")
    mixed.write(try Image(width: 6, height: 5, channels: 3).jpegBytes(), to: "b.jpg")
    #expect(Self.failure(mixed.path + ":size=native,channels=1")?.contains("images differ in size: a.png is 5×5 (1 images), b.jpg is 6×5 (1 images)") == true)
    #expect(Self.failure(mixed.path)?.contains("images differ in channel count") == true)

    let corrupt = TemporaryFolder()
    corrupt.write(Array("P5\n4 4\n255\n".utf8) + [1, 2, 3], to: "face.pgm")
    let message = Self.failure(corrupt.path)
    #expect(message?.contains("face.pgm: PGM: raster truncated: 4×4 needs 16 bytes, found 3") == true, "\(message ?? "no error")")
  }
}
