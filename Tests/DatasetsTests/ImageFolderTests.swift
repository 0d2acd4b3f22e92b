import ImageFiles
import Testing
@testable import Datasets
import _TestSupport

@Suite struct ImageFolderTests {
  static func gray(_ width: Int, _ height: Int, _ value: UInt8) -> Image {
    Image(width: width, height: height, channels: 1, repeating: value)
  }

  static func rgb(_ width: Int, _ height: Int, _ value: [UInt8]) -> Image {
    Image(width: width, height: height, channels: 3, pixels: Array((0..<(width * height)).map { _ in value }.joined()))
  }

  @Test func classFoldersGiveSortedLabelsAndEveryFormatLoads() throws {
    let folder = TemporaryFolder()
    folder.write(try Self.gray(8, 8, 10).pngBytes(), to: "cats/a.png")
    folder.write(Self.gray(8, 8, 20).pgmBytes(), to: "cats/deeper/b.PGM")
    folder.write(try Self.gray(8, 8, 200).jpegBytes(quality: 100), to: "dogs/c.jpg")
    folder.write(Array("not an image".utf8), to: "README")
    folder.write(Array("notes".utf8), to: "dogs/notes.txt")
    folder.write(try Self.gray(8, 8, 0).pngBytes(), to: ".hidden/x.png")
    folder.makeFolder("empty")
    let (images, report) = try ImageFolder.load(folder.path, options: .init(size: nil))
    #expect(images.count == 3 && images.sampleShape == [1, 8, 8])
    #expect(images.classNames == ["cats", "dogs"] && images.labels == [0, 0, 1])
    #expect(images.pixels[0] == 10 && images.pixels[64] == 20 && abs(Int(images.pixels[128]) - 200) <= 2)
    #expect(report.notes == ["ignored empty/: it holds no images"])
  }

  @Test func aFlatFolderIsUnlabelled() throws {
    let folder = TemporaryFolder()
    folder.write(try Self.rgb(4, 4, [255, 0, 0]).pngBytes(), to: "1.png")
    folder.write(try Self.rgb(4, 4, [0, 0, 255]).pngBytes(), to: "2.png")
    let (images, _) = try ImageFolder.load(folder.path)
    #expect(images.count == 2 && images.labels == nil && images.classCount == nil && images.channels == 3)
    // Planar: image 0's red plane is all 255, its blue plane all 0.
    #expect(images.pixels[0..<16].allSatisfy { $0 == 255 } && images.pixels[32..<48].allSatisfy { $0 == 0 })
  }

  @Test func mixedSizesAreRefusedNativeAndResizedOnRequest() throws {
    let folder = TemporaryFolder()
    folder.write(try Self.gray(8, 8, 50).pngBytes(), to: "a.png")
    folder.write(try Self.gray(16, 12, 50).pngBytes(), to: "b.png")
    let error = #expect(throws: DatasetError.self) { try ImageFolder.load(folder.path, options: .init(size: nil)) }
    #expect(error?.path == folder.path)
    #expect(error?.problem.contains("images differ in size: a.png is 8×8 (1 images), b.png is 16×12 (1 images)") == true
            && error?.problem.contains("size=64") == true, "\(String(describing: error))")
    let (images, report) = try ImageFolder.load(folder.path, options: .init(size: (6, 6)))
    #expect(images.sampleShape == [1, 6, 6] && images.pixels.allSatisfy { $0 == 50 })
    #expect(report.notes.first?.contains("resized 2 of 2 images (16×12, 8×8) to 6×6") == true, "\(report.notes)")
  }

  @Test func mixedChannelCountsAreRefusedUnlessChosen() throws {
    let folder = TemporaryFolder()
    folder.write(try Self.gray(4, 4, 100).pngBytes(), to: "a.png")
    folder.write(try Self.rgb(4, 4, [10, 20, 30]).pngBytes(), to: "b.png")
    var rgba = Image(width: 4, height: 4, channels: 4, repeating: 77)
    rgba[x: 0, y: 0, channel: 3] = 0
    folder.write(try rgba.pngBytes(), to: "c.png")
    let error = #expect(throws: DatasetError.self) { try ImageFolder.load(folder.path) }
    #expect(error?.problem.contains("images differ in channel count: a.png is gray (1 images), b.png is RGB (2 images)") == true
            && error?.problem.contains("channels=1 or channels=3") == true, "\(String(describing: error))")
    let (color, _) = try ImageFolder.load(folder.path, options: .init(channels: 3))
    #expect(color.sampleShape == [3, 4, 4] && color.pixels[0..<48].allSatisfy { $0 == 100 })
    let (gray, _) = try ImageFolder.load(folder.path, options: .init(channels: 1))
    #expect(gray.sampleShape == [1, 4, 4] && gray.pixels[16] == 18)  // 0.299·10 + 0.587·20 + 0.114·30 = 18.2
  }

  @Test func emptyMissingAndFileFoldersAreRefused() {
    let folder = TemporaryFolder()
    folder.write(Array("text".utf8), to: "README")
    #expect { _ = try ImageFolder.load(folder.path) } throws: { "\($0)".contains("no images: expected .png, .jpg, .jpeg or .pgm files") }
    #expect { _ = try ImageFolder.load(folder.path + "/missing") } throws: { "\($0)".contains("missing: no such folder") }
    #expect { _ = try ImageFolder.load(folder.file("README")) } throws: { "\($0)".contains("README: is a file") }
  }

  @Test func looseImagesBesideClassFoldersAreRefused() throws {
    let folder = TemporaryFolder()
    folder.write(try Self.gray(4, 4, 1).pngBytes(), to: "loose.png")
    folder.write(try Self.gray(4, 4, 1).pngBytes(), to: "class/a.png")
    #expect { _ = try ImageFolder.load(folder.path) } throws: { "\($0)".contains("holds 1 images (e.g. loose.png) beside 1 class folders") }
  }

  @Test(arguments: ["png", "jpg", "pgm"])
  func corruptOrTruncatedImagesNameTheFile(format: String) throws {
    let folder = TemporaryFolder()
    let good = Self.gray(16, 16, 90)
    folder.write(try good.pngBytes(), to: "ok.png")
    let bytes: [UInt8]
    switch format {
    case "png": bytes = try good.pngBytes()
    case "jpg": bytes = try good.jpegBytes()
    default: bytes = good.pgmBytes()
    }
    folder.write(Array(bytes.prefix(bytes.count * 2 / 3)), to: "bad.\(format)")
    let error = #expect(throws: DatasetError.self) { try ImageFolder.load(folder.path) }
    #expect(error?.path == folder.file("bad.\(format)"), "\(String(describing: error))")
    #expect(error?.problem.hasPrefix(["png": "PNG: ", "jpg": "JPEG: ", "pgm": "PGM: raster truncated"][format]!) == true,
            "\(String(describing: error))")
    folder.write([], to: "bad.\(format)")
    #expect { _ = try ImageFolder.load(folder.path) } throws: { "\($0)".contains("bad.\(format): empty file (0 bytes)") }
  }

  @Test(.enabled(if: SharedData.hasFaces, "needs ../shared/datasets/att_faces beside the package root"))
  func attFacesLoadAs40Subjects() throws {
    let (native, _) = try ImageFolder.load(SharedData.faces, options: .init(size: nil))
    #expect(native.count == 400 && native.sampleShape == [1, 112, 92] && native.classCount == 40)
    #expect(native.classNames?.first == "s1" && native.classNames?.contains("s40") == true)
    // s1/1.pgm's first pixels, as the PGM holds them.
    let first = try Image(pgmFile: SharedData.faces + "/s1/1.pgm")
    #expect(Array(native.pixels.prefix(92)) == Array(first.pixels.prefix(92)))
    let (resized, report) = try ImageFolder.load(SharedData.faces, options: .init(size: (32, 32)))
    #expect(resized.count == 400 && resized.sampleShape == [1, 32, 32])
    #expect(report.notes.first?.contains("resized 400 of 400 images (92×112) to 32×32") == true)
  }
}
