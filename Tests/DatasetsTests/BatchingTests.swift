import Testing
@testable import Datasets

@Suite struct BatchingTests {
  @Test func everyEpochIsAPermutationAndEpochsDiffer() {
    var order = EpochOrder(count: 10, seed: 42)
    let first = order.next(10), second = order.next(10)
    #expect(first.sorted() == Array(0..<10) && second.sorted() == Array(0..<10))
    #expect(first != second && first != Array(0..<10))
    #expect(first == EpochOrder.permutation(count: 10, seed: 42, epoch: 0))
    #expect(second == EpochOrder.permutation(count: 10, seed: 42, epoch: 1))
    #expect(EpochOrder.permutation(count: 10, seed: 43, epoch: 0) != first)
    var unshuffled = EpochOrder(count: 4, seed: 42, shuffled: false)
    #expect(unshuffled.next(6) == [0, 1, 2, 3, 0, 1])
  }

  @Test func batchesStraddleEpochsInOrder() {
    var order = EpochOrder(count: 7, seed: 1)
    let stream = (0..<5).flatMap { EpochOrder.permutation(count: 7, seed: 1, epoch: $0) }
    var handed: [Int] = []
    for size in [3, 5, 1, 7, 9, 4] { handed += order.next(size) }
    #expect(handed == Array(stream.prefix(29)) && order.position == 29 && order.epoch == 4)
  }

  /// Resuming at any sample count continues with exactly the samples an uninterrupted run gets.
  @Test func resumeIsExact() {
    let images = ImageCollection(channels: 1, height: 1, width: 1, pixels: (0..<13).map(UInt8.init), labels: (0..<13).map { $0 % 3 }, classNames: ["a", "b", "c"])
    var uninterrupted = ImageBatches(images: images, seed: 9)
    var reference: [[Double]] = []
    for _ in 0..<10 { reference.append(uninterrupted.next(size: 5).samples.scalars) }
    for stop in [0, 1, 3, 7] {
      var resumed = ImageBatches(images: images, seed: 9)
      resumed.resume(atSample: stop * 5)
      for step in stop..<10 {
        #expect(resumed.next(size: 5).samples.scalars == reference[step], "resumed at batch \(stop), batch \(step)")
      }
    }
  }

  @Test func batchesAreScaledToMinusOneOneWithLabels() {
    let images = ImageCollection(channels: 1, height: 1, width: 3, pixels: [0, 255, 51, 102, 153, 204], labels: [1, 0], classNames: ["x", "y"])
    var batches = ImageBatches(images: images, seed: 0, shuffled: false)
    let (samples, labels) = batches.next(size: 2)
    #expect(samples.shape == [2, 1, 1, 3])
    let expected: [Double] = [-1, 1, -0.6, -0.2, 0.2, 0.6]
    for (value, target) in zip(samples.scalars, expected) { #expect(abs(value - target) <= 1e-6, "\(value) vs \(target), tolerance 1e-6") }
    #expect(labels?.scalars == [1, 0])
  }

  @Test func paddingCentersDigitsOnTheBackground() {
    let images = ImageCollection(channels: 1, height: 2, width: 2, pixels: [1, 2, 3, 4, 5, 6, 7, 8])
    let padded = images.padded(toWidth: 4, height: 4)
    #expect(padded.sampleShape == [1, 4, 4] && padded.count == 2)
    #expect(Array(padded.pixels.prefix(16)) == [0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0])
    #expect(padded.image(at: 1).pixels == [0, 0, 0, 0, 0, 5, 6, 0, 0, 7, 8, 0, 0, 0, 0, 0])
  }
}
