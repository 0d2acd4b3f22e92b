import Foundation
import Testing
@testable import Datasets
import _TestSupport

@Suite struct NumPyArrayTests {
  @Test func headerIsNumPysVersionOneLayout() {
    let array = NumPyArray(shape: [2, 1, 3, 3], values: (0..<18).map { Float($0) / 4 - 2 })
    let bytes = array.encoded()
    #expect(Array(bytes.prefix(8)) == [0x93] + Array("NUMPY".utf8) + [1, 0])
    let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
    let dataStart = 10 + headerLength
    #expect(dataStart % 64 == 0, "magic + lengths + header = \(dataStart) bytes, not a multiple of 64")
    #expect(bytes[dataStart - 1] == 0x0A, "the header ends with a newline")
    let header = String(decoding: bytes[10..<dataStart], as: UTF8.self)
    #expect(header.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 1, 3, 3), }"))
    #expect(header.dropFirst(66).dropLast().allSatisfy { $0 == " " }, "padding is spaces: \(header)")
    #expect(bytes.count == dataStart + 4 * 18)
    // Little-endian float32: 0.25 is 0x3E800000, stored 00 00 80 3E; value 9 is (9/4 − 2) = 0.25.
    #expect(Array(bytes[(dataStart + 36)..<(dataStart + 40)]) == [0x00, 0x00, 0x80, 0x3E])
  }

  @Test func oneDimensionalShapeKeepsTheTupleComma() {
    #expect(NumPyArray(shape: [5], values: [1, 2, 3, 4, 5]).headerDictionary.contains("'shape': (5,)"))
    #expect(NumPyArray(shape: [4, 2], values: Array(repeating: 0, count: 8)).headerDictionary.contains("'shape': (4, 2)"))
  }

  @Test func roundTripAndBadFiles() throws {
    let array = NumPyArray(shape: [3, 2], values: [1.5, -2, 0, .pi, 1e-7, -1])
    #expect(try NumPyArray(decoding: array.encoded()) == array)
    #expect { _ = try NumPyArray(decoding: Array("not numpy".utf8)) } throws: { "\($0)".contains("not a .npy file") }
    #expect { _ = try NumPyArray(decoding: Array(array.encoded().dropLast(4))) } throws: { "\($0)".contains("needs 24 data bytes") }
  }

  /// numpy itself reads the file: shape, dtype, order and values.
  @Test(.enabled(if: NumPyArrayTests.numpyAvailable, "needs python3 with numpy"))
  func numpyLoadsTheFile() throws {
    let folder = TemporaryFolder()
    let values: [Float] = (0..<24).map { Float($0) * 0.5 - 3 }
    folder.write(NumPyArray(shape: [2, 3, 2, 2], values: values).encoded(), to: "samples.npy")
    let script = """
      import numpy
      a = numpy.load('\(folder.file("samples.npy"))')
      assert a.shape == (2, 3, 2, 2), a.shape
      assert a.dtype == numpy.dtype('<f4'), a.dtype
      assert a.flags['C_CONTIGUOUS']
      assert (a.reshape(-1) == numpy.arange(24, dtype='<f4') * 0.5 - 3).all()
      print('ok')
      """
    let output = try Self.python(script)
    #expect(output.status == 0 && output.text.contains("ok"), "python3: \(output.text)")
  }

  static let numpyAvailable: Bool = (try? python("import numpy"))?.status == 0

  static func python(_ script: String) throws -> (status: Int32, text: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
