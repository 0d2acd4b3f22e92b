import Foundation
import Testing
@testable import Datasets
import _TestSupport

@Suite struct GzipTests {
  static let text = Array(String(repeating: "the quick brown fox jumps over the lazy dog ", count: 200).utf8)

  @Test func roundTripAtEveryLevel() throws {
    for level in [0, 1, 6, 9] {
      let compressed = Gzip.compress(Self.text, level: level)
      #expect(Gzip.hasSignature(compressed))
      #expect(try Gzip.decompress(compressed) == Self.text, "level \(level)")
    }
    #expect(try Gzip.decompress(Gzip.compress([])) == [])
  }

  @Test func concatenatedMembersAreJoinedAndZeroPaddingIgnored() throws {
    let a = Array("first ".utf8), b = Array("second".utf8)
    #expect(try Gzip.decompress(Gzip.compress(a) + Gzip.compress(b)) == a + b)
    #expect(try Gzip.decompress(Gzip.compress(a) + [0, 0, 0, 0]) == a)
  }

  @Test func truncatedStreamSaysTruncated() {
    let compressed = Gzip.compress(Self.text)
    for cut in [3, 10, compressed.count / 2, compressed.count - 5, compressed.count - 1] {
      #expect {
        _ = try Gzip.decompress(Array(compressed.prefix(cut)))
      } throws: { error in
        "\(error)".hasPrefix("gzip: truncated") || "\(error)".hasPrefix("gzip: corrupt")
      }
    }
    // Cut inside the deflate data and inside the trailer: always "truncated".
    for cut in [compressed.count / 2, compressed.count - 1] {
      let error = #expect(throws: DatasetError.self) { try Gzip.decompress(Array(compressed.prefix(cut))) }
      #expect(error?.problem.contains("truncated") == true, "\(String(describing: error))")
    }
  }

  @Test func corruptDataOrChecksumSaysCorrupt() {
    var compressed = Gzip.compress(Self.text)
    // The CRC-32 in the trailer (bytes −8..−5): deflate data intact, checksum wrong.
    compressed[compressed.count - 6] ^= 0xFF
    let crc = #expect(throws: DatasetError.self) { try Gzip.decompress(compressed) }
    #expect(crc?.problem.contains("corrupt") == true && crc?.problem.contains("check") == true, "\(String(describing: crc))")

    var flipped = Gzip.compress(Self.text)
    flipped[12] ^= 0x55
    let data = #expect(throws: DatasetError.self) { try Gzip.decompress(flipped) }
    #expect(data?.problem.hasPrefix("gzip: ") == true)
  }

  @Test func notGzipEmptyAndTrailingGarbageAreRefused() {
    #expect { _ = try Gzip.decompress([]) } throws: { "\($0)".contains("no data") }
    #expect { _ = try Gzip.decompress(Array("plain text".utf8)) } throws: { "\($0)".contains("not a gzip file") }
    #expect { _ = try Gzip.decompress(Gzip.compress([1, 2, 3]) + Array("junk".utf8)) } throws: { "\($0)".contains("unexpected bytes after the end") }
  }

  @Test func decompressionBombIsCapped() {
    let zeros = Gzip.compress([UInt8](repeating: 0, count: 1 << 20), level: 9)
    #expect { _ = try Gzip.decompress(zeros, maximumSize: 1000) } throws: { "\($0)".contains("exceed the limit of 1000 bytes") }
  }

  @Test(.enabled(if: SharedData.hasMNIST, "needs ../shared/datasets/mnist beside the package root"))
  func realMNISTLabelsDecompressToTheirPublishedSize() throws {
    let bytes = [UInt8](try #require(FileManager.default.contents(atPath: SharedData.mnist + "/t10k-labels-idx1-ubyte.gz")))
    #expect(try Gzip.decompress(bytes).count == 10_008)
  }
}
