import NeuralNetworks
import TensorBackend

/// `vae-mlp`: the variational autoencoder of pytorch/examples vae/main.py (Kingma & Welling
/// 2014): x (N, 784) → 400 ReLU → μ, log σ² (20 each); z = μ + σ·ε; → 400 ReLU → 784 logits.
/// Loss: Bernoulli reconstruction (binary cross-entropy, summed) + the closed-form KL, summed;
/// Adam 1e-3. The decoder's sigmoid is folded into the cross-entropy on logits, which computes
/// the same loss without taking the logarithm of a rounded probability.
public final class VAEMultilayerWorkload: BenchmarkWorkload {
  public static let name = "vae-mlp"
  public static let defaultBatchSize = 128

  let encoder: Dense
  let meanHead: Dense
  let logVarianceHead: Dense
  let decoderHidden: Dense
  let decoderOutput: Dense
  let optimizer: Adam
  let batches: [Tensor]
  var next = 0
  var generator: SplitMix64

  public init(batchSize: Int, seed: UInt64) throws {
    generator = SplitMix64(seed: seed)
    encoder = Dense(inputSize: 784, outputSize: 400, using: &generator)
    meanHead = Dense(inputSize: 400, outputSize: 20, using: &generator)
    logVarianceHead = Dense(inputSize: 400, outputSize: 20, using: &generator)
    decoderHidden = Dense(inputSize: 20, outputSize: 400, using: &generator)
    decoderOutput = Dense(inputSize: 400, outputSize: 784, using: &generator)
    let layers: [any Layer] = [encoder, meanHead, logVarianceHead, decoderHidden, decoderOutput]
    optimizer = Adam(parameters: layers.flatMap(\.parameters), learningRate: 1e-3)
    var data = generator.split()
    batches = (0..<4).map { _ in Tensor.randomUniform([batchSize, 784], low: 0, high: 1, using: &data) }
  }

  func decode(_ z: Tensor) -> Tensor {
    var context = ForwardContext.inference
    return decoderOutput(relu(decoderHidden(z, context: &context)), context: &context)
  }

  public func trainStep() throws {
    next = (next + 1) % batches.count
    let x = batches[next]
    var context = ForwardContext(training: true, generator: generator.split())
    optimizer.zeroGradients()
    let hidden = relu(encoder(x, context: &context))
    let mean = meanHead(hidden, context: &context)
    let logVariance = logVarianceHead(hidden, context: &context)
    let epsilon = Tensor.randomNormal(mean.shape, using: &generator)
    let z = mean + exp(logVariance * 0.5) * epsilon
    let logits = decode(z)
    let loss = binaryCrossEntropy(logits: logits, targets: x, reduction: .sum) + gaussianKLDivergence(mean: mean, logVariance: logVariance)
    loss.backward()
    _ = loss.scalar
    optimizer.step()
  }

  public func sample(count: Int) {
    withoutGradient { _ = sigmoid(decode(Tensor.randomNormal([count, 20], using: &generator))) }
  }
}
