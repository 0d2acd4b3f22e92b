import TensorBackend

/// The layers of a multilayer perceptron, I → W₁ → … → Wₙ → O: each hidden layer a `Dense`,
/// optionally batch norm or dropout, and a leaky ReLU; then a `Dense` to O outputs, with no
/// activation (the caller appends one, such as `Tanh` for images in [−1, 1]).
///
/// Batch norm and dropout follow every hidden layer but the first, as in the MLP GANs of
/// PyTorch-GAN (`gan.py`: `block(latent_dim, 128, normalize=False)`, then normalized blocks;
/// `cgan.py`: dropout after the second and third discriminator layers). A slope of 0 makes the
/// activation a plain ReLU. In a `Sequential` the layers are named by position, "0.weight", ….
///
/// Weights are drawn layer by layer in order (PyTorch's defaults), so a seed gives the same
/// network whichever model builds it. With spectral normalization every `Dense` is wrapped in
/// `SpectralNormalization` (Miyato et al. 2018, whose discriminators normalize every layer), its
/// u and v drawn right after its weights.
public enum MultilayerPerceptron {
  /// - Parameters:
  ///   - inputSize: I.
  ///   - hiddenWidths: W₁ … Wₙ; none for a single dense layer.
  ///   - outputSize: O.
  ///   - negativeSlope: the leaky ReLUs' slope.
  ///   - batchNormEpsilon: ε of a batch norm after every hidden layer but the first; `nil` for none.
  ///   - dropoutProbability: p of a dropout after every hidden layer but the first; 0 for none.
  ///   - spectralNormalization: whether every dense layer is spectrally normalized.
  public static func layers(
    inputSize: Int, hiddenWidths: [Int], outputSize: Int, negativeSlope: Double, batchNormEpsilon: Double? = nil,
    dropoutProbability: Double = 0, spectralNormalization: Bool = false, using generator: inout some RandomNumberGenerator
  ) -> [any Layer] {
    func dense(_ inputSize: Int, _ outputSize: Int) -> any Layer {
      let layer = Dense(inputSize: inputSize, outputSize: outputSize, using: &generator)
      return spectralNormalization ? SpectralNormalization(layer, using: &generator) : layer
    }
    var layers: [any Layer] = []
    var width = inputSize
    for (index, next) in hiddenWidths.enumerated() {
      layers.append(dense(width, next))
      if index > 0, let batchNormEpsilon { layers.append(BatchNorm(featureCount: next, epsilon: batchNormEpsilon)) }
      if index > 0 && dropoutProbability > 0 { layers.append(Dropout(probability: dropoutProbability)) }
      layers.append(LeakyReLU(negativeSlope: negativeSlope))
      width = next
    }
    layers.append(dense(width, outputSize))
    return layers
  }
}
