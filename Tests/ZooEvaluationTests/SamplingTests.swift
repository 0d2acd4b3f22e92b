import NeuralNetworks
import TensorBackend
import Testing
import ZooCore
import ZooEvaluation

/// A generator with noise of its own: x = z + ε with ε drawn from the forward context, as a
/// pyramid's per-level noise planes are; z is one value per sample, made by `makeNoise`.
final class ContextNoiseGenerator: Generator {
  var latentDimension: Int { 1 }
  var sampleShape: [Int] { [1] }
  func makeNoise(count: Int, using generator: inout SplitMix64) -> Tensor {
    Tensor(shape: [count, 1], scalars: (0..<count).map { _ in 0.5 })
  }
  func callAsFunction(noise: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
    noise + Tensor.randomNormal(noise.shape, using: &context.generator)
  }
}

@Suite struct SamplingTests {
  /// One forward context runs through every chunk, so the generator's own noise is fresh in each
  /// chunk; the same seed gives the same samples.
  @Test func noiseDrawnInsideTheGeneratorDoesNotRepeatAcrossChunks() {
    let generator = ContextNoiseGenerator()
    let count = 2 * Sampling.chunkSize + 7
    var random = SplitMix64(seed: 4)
    let samples = Sampling.draw(from: generator, count: count, using: &random).scalars
    #expect(samples.count == count)
    let chunks = (0..<3).map { Array(samples[($0 * Sampling.chunkSize)..<min(($0 + 1) * Sampling.chunkSize, count)].prefix(7)) }
    #expect(chunks[0] != chunks[1] && chunks[1] != chunks[2], "the chunks repeat each other's noise")
    var again = SplitMix64(seed: 4)
    #expect(Sampling.draw(from: generator, count: count, using: &again).scalars == samples)
  }

  @Test func classRowsGiveOneRowPerClass() {
    #expect(Sampling.classRows(classCount: 3, perClass: 2) == [0, 0, 1, 1, 2, 2])
    #expect(Sampling.condition(labels: [2, 0]).scalars == [2, 0])
  }
}
