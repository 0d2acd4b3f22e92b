import NeuralNetworks
import TensorBackend
import ZooCore

/// Drawing samples from a trained generator for pictures and metrics: the generator's own noise,
/// then G in inference mode (batch norm on running statistics), recording nothing, in chunks.
public enum Sampling {
  /// Samples per forward pass: 10,000 DCGAN images at once would hold gigabytes of activations.
  public static let chunkSize = 500

  /// `count` samples: noise from `generator.makeNoise` with `random`, then `generate` with a
  /// forward context split off `random` after the noise.
  public static func draw(from generator: any Generator, count: Int, condition: Tensor? = nil, using random: inout SplitMix64) -> Tensor {
    let noise = generator.makeNoise(count: count, using: &random)
    var context = ForwardContext(training: false, generator: random.split())
    return generate(generator, noise: noise, condition: condition, context: &context)
  }

  /// G(z [, condition]) in inference mode in chunks of `chunkSize` samples, each with its rows of
  /// the condition. The one `context` runs through every chunk, so noise the generator draws
  /// from it itself (per-level noise planes) is fresh in each chunk rather than repeated.
  public static func generate(_ generator: any Generator, noise: Tensor, condition: Tensor? = nil, context: inout ForwardContext) -> Tensor {
    precondition(!context.training, "Sampling.generate: expects an inference-mode context")
    return withoutGradient {
      concatenatingChunks(of: noise.shape[0], size: chunkSize) { range in
        let whole = range.count == noise.shape[0]
        return generator(
          noise: whole ? noise : noise.sliced(alongAxis: 0, range),
          condition: whole ? condition : condition?.sliced(alongAxis: 0, range), context: &context)
      }
    }
  }

  /// Class indices as the condition tensor (N) conditional generators read.
  public static func condition(labels: [Int]) -> Tensor {
    Tensor(shape: [labels.count], scalars: labels.map(Double.init))
  }

  /// `perClass` labels of class 0, then of class 1, …, of class K − 1: with
  /// `SampleGrid(samples, columns: perClass)` one row per class.
  public static func classRows(classCount: Int, perClass: Int) -> [Int] {
    (0..<classCount * perClass).map { $0 / perClass }
  }
}
