import Foundation
import Testing
import TensorBackend
import ZooCore

@Suite struct SafeTensorsTests {
  @Test func roundTripKeepsValuesShapesTypesAndMetadata() throws {
    var generator = SplitMix64(seed: 3)
    let a = Tensor.randomNormal([3, 4], using: &generator)
    let b = Tensor.randomNormal([2], dtype: .float64, using: &generator)
    let empty = Tensor.zeros([0, 5])
    let data = try SafeTensors.encode([("layer.weight", a), ("b", b), ("empty", empty)], metadata: ["step": "12"])
    // Layout: u64 header length, JSON, 8-byte aligned data section.
    let headerLength = data.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
    #expect((8 + headerLength) % 8 == 0)
    #expect(data.count == 8 + headerLength + 12 * 4 + 2 * 8)
    let decoded = try SafeTensors.decode(data, source: "test")
    #expect(decoded.tensors["layer.weight"]?.floats == a.floats)
    #expect(decoded.tensors["b"]?.scalars == b.scalars)
    #expect(decoded.tensors["b"]?.dtype == .float64)
    #expect(decoded.tensors["empty"]?.shape == [0, 5])
    #expect(decoded.metadata == ["step": "12"])
  }

  @Test func corruptInputIsAnErrorNamingTheProblem() throws {
    let good = try SafeTensors.encode([("w", Tensor.ones([2, 2]))])
    let cases: [(Data, String)] = [
      (Data([1, 2, 3]), "shorter than"),
      (Data([255, 255, 255, 255, 0, 0, 0, 0]) + Data(repeating: 0, count: 8), "exceeds the file size"),
      (Data([4, 0, 0, 0, 0, 0, 0, 0]) + Data("{{{{".utf8), "not valid JSON"),
      (good.prefix(good.count - 4), "outside"),
    ]
    for (bytes, expected) in cases {
      #expect {
        _ = try SafeTensors.decode(bytes, source: "bad.safetensors")
      } throws: { error in
        let message = "\(error)"
        return message.contains("bad.safetensors") && message.contains(expected)
      }
    }
  }

  @Test func randomAndTruncatedBytesNeverCrash() throws {
    var generator = SplitMix64(seed: 11)
    let good = try SafeTensors.encode([("w", Tensor.ones([3, 3])), ("v", Tensor.zeros([4]))], metadata: ["a": "b"])
    for trial in 0..<2000 {
      var bytes: Data
      if trial % 2 == 0 {
        bytes = good.prefix(Int(generator.next() % UInt64(good.count)))
      } else {
        bytes = good
        for _ in 0..<3 { bytes[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next()) }
      }
      _ = try? SafeTensors.decode(bytes, source: "fuzz")
    }
  }
}

extension SafeTensorsTests {
  @Test func hugeShapesAreRejectedWithoutOverflow() throws {
    let header = #"{"w":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,16]}}"#
    var data = Data()
    withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { data.append(contentsOf: $0) }
    data.append(Data(header.utf8))
    data.append(Data(repeating: 0, count: 16))
    #expect(throws: CheckpointError.self) { try SafeTensors.decode(data, source: "huge") }
  }
}
