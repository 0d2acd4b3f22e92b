import ImageFiles
import Testing
@testable import Datasets
import _TestSupport

/// Random, truncated and bit-flipped bytes through every decoder the data path uses — gzip, IDX,
/// PNG, JPEG and PGM: each must return a value or throw, never crash or trap. Valid inputs are
/// the seeds, so mutations reach deep into each format rather than failing at the first byte.
@Suite struct DecoderFuzzTests {
  static let decoders: [(name: String, decode: @Sendable ([UInt8]) -> Void)] = [
    ("gzip", { _ = try? Gzip.decompress($0, maximumSize: 1 << 20) }),
    ("IDX", { _ = try? IDXArray(decoding: $0) }),
    ("PNG", { _ = try? Image(pngBytes: $0) }),
    ("JPEG", { _ = try? Image(jpegBytes: $0) }),
    ("PGM", { _ = try? Image(pgmBytes: $0) }),
    ("any image", { _ = try? Image(pngBytes: $0); _ = try? Image(jpegBytes: $0); _ = try? Image(pgmBytes: $0) }),
  ]

  static func validSamples() throws -> [String: [UInt8]] {
    var generator = SeededBytes(seed: 11)
    let gray = Image(width: 13, height: 9, channels: 1, pixels: generator.bytes(13 * 9))
    let color = Image(width: 10, height: 7, channels: 3, pixels: generator.bytes(10 * 7 * 3))
    return [
      "gzip": Gzip.compress(generator.bytes(300) + [UInt8](repeating: 7, count: 300)),
      "IDX": IDXArray(shape: [3, 5, 4], bytes: generator.bytes(60)).encoded(),
      "PNG": try color.pngBytes(),
      "JPEG": try color.jpegBytes(quality: 80),
      "PGM": gray.pgmBytes(),
      "any image": try gray.jpegBytes(),
    ]
  }

  @Test(arguments: decoders.map(\.name))
  func randomTruncatedAndFlippedBytesNeverCrash(decoder name: String) throws {
    let decode = Self.decoders.first { $0.name == name }!.decode
    let valid = try #require(Self.validSamples()[name])
    var generator = SeededBytes(seed: UInt64(name.utf8.reduce(0) { $0 &* 31 &+ UInt64($1) }))
    // Pure noise, and noise behind the format's own first bytes.
    for round in 0..<300 {
      let noise = generator.bytes(Int.random(in: 0...200, using: &generator))
      decode(noise)
      decode(Array(valid.prefix(round % 24)) + noise)
    }
    // Every truncation.
    for length in 0..<valid.count { decode(Array(valid.prefix(length))) }
    // Bit flips, byte overwrites and inserted/removed runs.
    for _ in 0..<400 {
      var mutated = valid
      for _ in 0..<Int.random(in: 1...4, using: &generator) {
        let position = Int.random(in: 0..<mutated.count, using: &generator)
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: mutated[position] ^= UInt8(1) << UInt8.random(in: 0...7, using: &generator)
        case 1: mutated[position] = [0x00, 0xFF, 0x7F, 0x80][Int.random(in: 0..<4, using: &generator)]
        case 2: mutated.insert(contentsOf: generator.bytes(Int.random(in: 1...8, using: &generator)), at: position)
        default: mutated.removeSubrange(position..<min(mutated.count, position + Int.random(in: 1...8, using: &generator)))
        }
        if mutated.isEmpty { break }
      }
      decode(mutated)
    }
    // The valid sample still decodes: the harness itself is sound.
    decode(valid)
  }

  @Test func validSamplesDecode() throws {
    let samples = try Self.validSamples()
    #expect(try Gzip.decompress(samples["gzip"]!).count == 600)
    #expect(try IDXArray(decoding: samples["IDX"]!).shape == [3, 5, 4])
    #expect(try Image(pngBytes: samples["PNG"]!).channels == 3)
    #expect(try Image(jpegBytes: samples["JPEG"]!).width == 10)
    #expect(try Image(pgmBytes: samples["PGM"]!).height == 9)
  }
}
