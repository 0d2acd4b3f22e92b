/// MNIST (LeCun, Cortes & Burges; http://yann.lecun.com/exdb/mnist/): 70,000 handwritten digits,
/// 28×28 gray, 10 classes, in four IDX files, usually gzip-compressed. 0 is the background and
/// 255 the ink, so scaled digits are white on black.
public enum MNIST {
  /// The two halves of the dataset.
  public enum Split: String, CaseIterable, Sendable {
    /// 60,000 training images.
    case train
    /// 10,000 test images ("t10k").
    case test

    /// The standard file names, without `.gz`.
    public var imageFile: String { self == .train ? "train-images-idx3-ubyte" : "t10k-images-idx3-ubyte" }
    public var labelFile: String { self == .train ? "train-labels-idx1-ubyte" : "t10k-labels-idx1-ubyte" }
  }

  /// The folder name under the data root.
  public static let folderName = "mnist"
  /// The digits.
  public static let classNames = (0...9).map(String.init)
  /// Where `zoo data fetch mnist` downloads from by default: the mirror torchvision uses, since
  /// the original site stopped serving the files to scripts.
  public static let defaultMirror = "https://ossci-datasets.s3.amazonaws.com/mnist/"

  /// The four published files with their sizes and SHA-256 digests (the files are byte-identical
  /// to the 1998 release; their MD5s are the ones torchvision checks).
  public static let files: [DownloadableFile] = [
    DownloadableFile(name: "train-images-idx3-ubyte.gz", size: 9_912_422, sha256: "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
    DownloadableFile(name: "train-labels-idx1-ubyte.gz", size: 28_881, sha256: "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
    DownloadableFile(name: "t10k-images-idx3-ubyte.gz", size: 1_648_877, sha256: "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
    DownloadableFile(name: "t10k-labels-idx1-ubyte.gz", size: 4_542, sha256: "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
  ]

  /// Loads one split from `folder` (the `mnist/` folder itself). Each file may be raw or gzipped
  /// (`name` or `name.gz`); the label file is optional, and without it the images have no classes.
  ///
  /// - Throws: `DatasetError` naming the file for a missing image file, a wrong magic number, a
  ///   shape that is not N × H × W, a truncated or corrupt file, a label outside 0...9, or image
  ///   and label counts that disagree.
  public static func load(from folder: String, split: Split = .train) throws(DatasetError) -> ImageCollection {
    switch DatasetFiles.kind(folder) {
    case .folder: break
    case .file: throw DatasetError(path: folder, problem: "expected the MNIST folder, found a file")
    case .missing: throw DatasetError(path: folder, problem: "no MNIST folder here", isMissingData: true)
    }
    guard let imagePath = locate(split.imageFile, in: folder) else {
      throw DatasetError(path: folder, problem: "no MNIST \(split.rawValue) images: expected \(split.imageFile) or \(split.imageFile).gz", isMissingData: true)
    }
    let images = try readIDX(imagePath, expectingRank: 3, kind: "image")
    let count = images.shape[0], height = images.shape[1], width = images.shape[2]
    guard height > 0, width > 0 else {
      throw DatasetError(path: imagePath, problem: "IDX: images of \(height)×\(width) pixels are empty")
    }
    var labels: [Int]?
    if let labelPath = locate(split.labelFile, in: folder) {
      let array = try readIDX(labelPath, expectingRank: 1, kind: "label")
      guard array.shape[0] == count else {
        throw DatasetError(path: labelPath, problem: "holds \(array.shape[0]) labels but \(imagePath) holds \(count) images")
      }
      if let bad = array.bytes.firstIndex(where: { $0 > 9 }) {
        throw DatasetError(path: labelPath, problem: "label \(array.bytes[bad]) at index \(bad) is not a digit 0...9")
      }
      labels = array.bytes.map(Int.init)
    }
    return ImageCollection(channels: 1, height: height, width: width, pixels: images.bytes, labels: labels,
                           classNames: labels == nil ? nil : classNames)
  }

  /// `name` or `name.gz` in `folder`, raw preferred.
  static func locate(_ name: String, in folder: String) -> String? {
    for candidate in [name, name + ".gz"] where DatasetFiles.kind(DatasetFiles.join(folder, candidate)) == .file {
      return DatasetFiles.join(folder, candidate)
    }
    return nil
  }

  /// Reads an unsigned-byte IDX file of `rank` dimensions (magic 0x0000080R).
  static func readIDX(_ path: String, expectingRank rank: Int, kind: String) throws(DatasetError) -> IDXArray {
    let bytes = try DatasetFiles.readMaybeGzipped(path)
    if bytes.count >= 4 {
      let magic = IDXArray.bigEndian(bytes, at: 0), expected = IDXArray.magic(rank: rank)
      guard magic == expected else {
        throw DatasetError(path: path, problem: "IDX: wrong magic number \(IDXArray.hex(magic)) (\(magic)) for an MNIST \(kind) file; expected \(IDXArray.hex(expected)) (\(expected): unsigned bytes, \(rank) dimension\(rank == 1 ? "" : "s"))")
      }
    }
    do {
      return try IDXArray(decoding: bytes)
    } catch {
      throw error.attributed(to: path)
    }
  }
}
