import Testing
import TensorBackend

/// A shape mismatch is a programming error: the process stops with a message that names the op
/// and both shapes.
@Suite struct ShapeErrorTests {
  @Test func broadcastMismatchNamesOpAndShapes() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Tensor.zeros([2, 3]) + Tensor.zeros([4])
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.contains("add") && message.contains("[2, 3]") && message.contains("[4]"), "\(message)")
  }

  @Test func matmulMismatchNamesOpAndShapes() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = matmul(Tensor.zeros([2, 3]), Tensor.zeros([4, 5]))
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.contains("matmul") && message.contains("[2, 3]") && message.contains("[4, 5]"), "\(message)")
  }
}
