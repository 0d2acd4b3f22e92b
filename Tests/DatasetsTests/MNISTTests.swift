import Testing
@testable import Datasets
import _TestSupport

@Suite struct MNISTTests {
  /// A tiny MNIST-format split: `count` images of 4×3 whose pixels encode their index.
  static func writeSplit(in folder: TemporaryFolder, count: Int = 5, labels: Int? = nil, gzipped: Bool = false, split: MNIST.Split = .train) {
    let images = IDXArray(shape: [count, 4, 3], bytes: (0..<(count * 12)).map { UInt8($0 % 256) })
    let suffix = gzipped ? ".gz" : ""
    let encode: ([UInt8]) -> [UInt8] = { gzipped ? Gzip.compress($0) : $0 }
    folder.write(encode(images.encoded()), to: "mnist/" + split.imageFile + suffix)
    if let labels {
      folder.write(encode(IDXArray(shape: [labels], bytes: (0..<labels).map { UInt8($0 % 10) }).encoded()), to: "mnist/" + split.labelFile + suffix)
    }
  }

  @Test(arguments: [false, true])
  func loadsRawOrGzippedFilesWithLabels(gzipped: Bool) throws {
    let folder = TemporaryFolder()
    Self.writeSplit(in: folder, count: 5, labels: 5, gzipped: gzipped)
    let images = try MNIST.load(from: folder.file("mnist"))
    #expect(images.count == 5 && images.sampleShape == [1, 4, 3])
    #expect(images.labels == [0, 1, 2, 3, 4] && images.classCount == 10)
    #expect(Array(images.pixels.prefix(13)) == (0..<13).map(UInt8.init))
  }

  @Test func labelsAreOptional() throws {
    let folder = TemporaryFolder()
    Self.writeSplit(in: folder, count: 3)
    let images = try MNIST.load(from: folder.file("mnist"))
    #expect(images.count == 3 && images.labels == nil && images.classCount == nil)
  }

  @Test func testSplitUsesT10kNames() throws {
    let folder = TemporaryFolder()
    Self.writeSplit(in: folder, count: 2, labels: 2, split: .test)
    #expect(try MNIST.load(from: folder.file("mnist"), split: .test).count == 2)
    #expect { _ = try MNIST.load(from: folder.file("mnist"), split: .train) } throws: {
      "\($0)".contains("no MNIST train images: expected train-images-idx3-ubyte or train-images-idx3-ubyte.gz")
    }
  }

  @Test func disagreeingCountsNameBothFiles() {
    let folder = TemporaryFolder()
    Self.writeSplit(in: folder, count: 5, labels: 4)
    let error = #expect(throws: DatasetError.self) { try MNIST.load(from: folder.file("mnist")) }
    #expect(error?.path?.hasSuffix("train-labels-idx1-ubyte") == true)
    #expect(error?.problem.contains("holds 4 labels but") == true && error?.problem.contains("train-images-idx3-ubyte holds 5 images") == true,
            "\(String(describing: error))")
  }

  @Test func wrongMagicNumberNamesTheFileAndBothNumbers() {
    let folder = TemporaryFolder()
    // A label file (rank 1) where the images should be.
    folder.write(IDXArray(shape: [3], bytes: [1, 2, 3]).encoded(), to: "mnist/train-images-idx3-ubyte")
    let error = #expect(throws: DatasetError.self) { try MNIST.load(from: folder.file("mnist")) }
    #expect(error?.path?.hasSuffix("train-images-idx3-ubyte") == true)
    #expect(error?.problem.contains("wrong magic number 0x00000801 (2049)") == true && error?.problem.contains("expected 0x00000803 (2051") == true,
            "\(String(describing: error))")
  }

  @Test func truncatedOrCorruptGzipNamesTheFile() {
    let folder = TemporaryFolder()
    let gz = Gzip.compress(IDXArray(shape: [50, 4, 3], bytes: [UInt8](repeating: 7, count: 600)).encoded())
    folder.write(Array(gz.prefix(gz.count / 2)), to: "mnist/train-images-idx3-ubyte.gz")
    let truncated = #expect(throws: DatasetError.self) { try MNIST.load(from: folder.file("mnist")) }
    #expect(truncated?.path?.hasSuffix("train-images-idx3-ubyte.gz") == true && truncated?.problem.contains("gzip: truncated") == true,
            "\(String(describing: truncated))")

    var corrupt = gz
    corrupt[corrupt.count - 7] ^= 0x0F
    folder.write(corrupt, to: "mnist/train-images-idx3-ubyte.gz")
    let damaged = #expect(throws: DatasetError.self) { try MNIST.load(from: folder.file("mnist")) }
    #expect(damaged?.path?.hasSuffix("train-images-idx3-ubyte.gz") == true && damaged?.problem.contains("gzip: corrupt") == true,
            "\(String(describing: damaged))")
  }

  @Test func truncatedIDXDataAndBadLabelsNameTheFile() {
    let folder = TemporaryFolder()
    folder.write(Array(IDXArray(shape: [5, 4, 3], bytes: [UInt8](repeating: 1, count: 60)).encoded().dropLast(10)), to: "mnist/train-images-idx3-ubyte")
    #expect { _ = try MNIST.load(from: folder.file("mnist")) } throws: {
      "\($0)".contains("train-images-idx3-ubyte: IDX: truncated: the header promises 5 × 4 × 3 = 60 bytes")
    }
    Self.writeSplit(in: folder, count: 2)
    folder.write(IDXArray(shape: [2], bytes: [3, 12]).encoded(), to: "mnist/train-labels-idx1-ubyte")
    #expect { _ = try MNIST.load(from: folder.file("mnist")) } throws: { "\($0)".contains("label 12 at index 1 is not a digit") }
  }

  @Test func missingFolderSaysSo() {
    let error = #expect(throws: DatasetError.self) { try MNIST.load(from: "/nonexistent-zoo-data/mnist") }
    #expect(error?.problem == "no MNIST folder here" && error?.isMissingData == true)
  }

  @Test(.enabled(if: SharedData.hasMNIST, "needs ../shared/datasets/mnist beside the package root"))
  func realMNISTHasItsPublishedCounts() throws {
    let train = try MNIST.load(from: SharedData.mnist)
    #expect(train.count == 60_000 && train.sampleShape == [1, 28, 28])
    var counts = [Int](repeating: 0, count: 10)
    for label in train.labels! { counts[label] += 1 }
    #expect(counts == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])
    let first = train.pixels.prefix(1000 * 784)
    #expect(first.max() == 255 && first.min() == 0)
    let test = try MNIST.load(from: SharedData.mnist, split: .test)
    #expect(test.count == 10_000 && test.labels?.first == 7)
  }
}
