import Datasets
import Foundation
import ImageFiles
import Testing
import TensorBackend
@testable import ZooEvaluation

@Suite struct SampleSetFilesTests {
  static func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("sample-set-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func write(_ bytes: [UInt8], _ name: String, in folder: URL) throws -> String {
    let path = folder.appendingPathComponent(name).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func numPyLayoutsBecomePlanarPixels() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // Two RGB 2 × 2 images in [−1, 1]: channel c of pixel p of image n holds (p + 4c) / 16 − 1 + n.
    var planar: [Float] = [], interleaved: [Float] = []
    for n in 0..<2 {
      for c in 0..<3 { for p in 0..<4 { planar.append(Float(p + 4 * c) / 16 - 1 + Float(n)) } }
      for p in 0..<4 { for c in 0..<3 { interleaved.append(Float(p + 4 * c) / 16 - 1 + Float(n)) } }
    }
    let nchw = try Self.write(NumPyArray(shape: [2, 3, 2, 2], values: planar).encoded(), "nchw.npy", in: folder)
    let nhwc = try Self.write(NumPyArray(shape: [2, 2, 2, 3], values: interleaved).encoded(), "nhwc.npy", in: folder)
    let a = try SampleSet.load(nchw).set, b = try SampleSet.load(nhwc).set
    #expect(a.sampleShape == [3, 2, 2] && b.sampleShape == [3, 2, 2])
    #expect(a.values.floats == planar.map { ($0 + 1) / 2 } && b.values.floats == a.values.floats)

    let gray = try Self.write(NumPyArray(shape: [3, 2, 2], values: (0..<12).map { Float($0) * 20 }).encoded(), "gray.npy", in: folder)
    let grayImages = try SampleSet.load(gray, range: .zeroTo255).set
    #expect(grayImages.sampleShape == [1, 2, 2] && grayImages.values.floats[11] == 220 / 255)

    let vectors = try Self.write(NumPyArray(shape: [4, 3], values: (0..<12).map { Float($0) - 100 }).encoded(), "vectors.npy", in: folder)
    let vectorSet = try SampleSet.load(vectors).set
    #expect(!vectorSet.isImages && vectorSet.values.floats[0] == -100, "vectors are taken as they are")
  }

  @Test func idxAndImageFoldersAreBytesOver255() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let idx = try Self.write(Gzip.compress(IDXArray(shape: [2, 2, 3], bytes: [0, 51, 102, 153, 204, 255, 1, 2, 3, 4, 5, 6]).encoded()), "samples.idx.gz", in: folder)
    let set = try SampleSet.load(idx).set
    #expect(set.sampleShape == [1, 2, 3] && set.count == 2 && set.values.floats[1] == 51 / 255)

    let images = folder.appendingPathComponent("images")
    try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
    for index in 0..<3 {
      try Image(width: 2, height: 2, channels: 1, pixels: [UInt8(index), 0, 255, 10]).writePNG(toFile: images.appendingPathComponent("\(index).png").path)
    }
    let loaded = try SampleSet.load(images.path).set
    #expect(loaded.sampleShape == [1, 2, 2] && loaded.count == 3 && loaded.values.floats[2] == 1)
  }

  @Test func badFilesAreErrorsNamingTheFile() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outside = try Self.write(NumPyArray(shape: [2, 1, 2, 2], values: [0, 0.5, 1, 2, 255, 0, 0, 0]).encoded(), "outside.npy", in: folder)
    #expect(throws: ScoreError.outOfRange(path: outside, count: 2, total: 8, minimum: 0, maximum: 255, range: .zeroToOne)) {
      try SampleSet.load(outside, range: .zeroToOne)
    }
    #expect(ScoreError.outOfRange(path: "x.npy", count: 2, total: 8, minimum: 0, maximum: 255, range: .zeroToOne).description
      == "x.npy: 2 of 8 values lie outside [0,1] (minimum 0.0, maximum 255.0); if its scale is [0,255], say so with --range 0,255")
    let nan = try Self.write(NumPyArray(shape: [1, 1, 2, 2], values: [0, .nan, 0, .infinity]).encoded(), "nan.npy", in: folder)
    #expect(throws: ScoreError.nonFinite(path: nan, count: 2, firstIndex: 1)) { try SampleSet.load(nan) }
    let odd = try Self.write(NumPyArray(shape: [2, 5, 5, 5], values: [Float](repeating: 0, count: 250)).encoded(), "odd.npy", in: folder)
    #expect(throws: ScoreError.unsupportedShape(path: odd, shape: [2, 5, 5, 5])) { try SampleSet.load(odd) }
    let text = try Self.write(Array("not samples".utf8), "notes.txt", in: folder)
    #expect(throws: ScoreError.unreadable(path: text, problem: "not a .npy array, an IDX file or a folder of images")) { try SampleSet.load(text) }
    #expect(throws: ScoreError.unreadable(path: folder.path + "/missing.npy", problem: "no such file or folder")) {
      try SampleSet.load(folder.path + "/missing.npy")
    }
    let empty = try Self.write(NumPyArray(shape: [0, 1, 2, 2], values: []).encoded(), "empty.npy", in: folder)
    #expect(throws: ScoreError.empty(path: empty)) { try SampleSet.load(empty) }
  }
}
