import Datasets
import Foundation
import NeuralNetworks
import TensorBackend
import ZooCore
import ZooEvaluation

/// Drawing from latent codes given from outside (`zoo sample --noise z.npy`): walks made
/// elsewhere, or the same codes in two frameworks.
extension Run {
  /// The shape of one sample's noise as the generator draws it, and L, the length of the part a
  /// latent walk moves.
  public var noiseShape: (sample: [Int], walked: Int) {
    var random = SplitMix64(seed: 0)
    let noise = trainer.sampler.makeNoise(count: 1, using: &random)
    return (Array(noise.shape.dropFirst()), trainer.sampler.walkedLatent(of: noise).shape[1])
  }

  /// The noise in the `.npy` file at `path`: (N, noise shape…) as the generator draws it, or
  /// (N, L) values of the walked latent, the rest of the noise drawn from `seed`.
  ///
  /// - Throws: `UsageError` naming the file for an unreadable array, a shape that is neither,
  ///   no rows, or values that are NaN or infinite.
  public func noise(fromFile path: String, seed: UInt64) throws -> Tensor {
    let array: NumPyArray
    do {
      array = try NumPyArray(decoding: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
    } catch let error as DatasetError {
      throw UsageError("\(path): \(error.problem.split(whereSeparator: \.isWhitespace).joined(separator: " ")); save the codes as float32 (numpy.save(path, z.astype(numpy.float32)))")
    } catch {
      throw UsageError("\(path): cannot read (\(error.localizedDescription))")
    }
    let (sampleShape, walked) = noiseShape
    let shapeText = { (shape: [Int]) in "(" + shape.map(String.init).joined(separator: ", ") + ")" }
    guard let count = array.shape.first, count > 0 else { throw UsageError("\(path): holds no latent codes (shape \(shapeText(array.shape)))") }
    if let bad = array.values.firstIndex(where: { !$0.isFinite }) {
      throw UsageError("\(path): value \(array.values[bad]) at flat index \(bad) is not finite; latent codes must be numbers")
    }
    let given = Tensor(shape: array.shape, scalars: array.values)
    if Array(array.shape.dropFirst()) == sampleShape { return given }
    guard array.shape.count == 2, array.shape[1] == walked else {
      let walkedText = walked == sampleShape.reduce(1, *) ? "" : ", or (N, \(walked)) values of the latent a walk moves"
      throw UsageError("\(path): latent codes of shape \(shapeText(array.shape)); \(configuration.variant)'s generator takes noise (N, \(sampleShape.map(String.init).joined(separator: ", ")))\(walkedText)")
    }
    var random = SplitMix64(seed: seed)
    let base = trainer.sampler.makeNoise(count: count, using: &random)
    return trainer.sampler.replacingWalkedLatent(of: base, with: given)
  }

  /// The samples of `noise` (N, noise shape…), for the classes `labels` if given (one per row;
  /// a conditional generator otherwise cycles through the classes), in inference mode; noise the
  /// generator draws itself comes from `seed`.
  public func samples(noise: Tensor, labels: [Int]? = nil, seed: UInt64) -> Tensor {
    precondition(labels == nil || labels!.count == noise.shape[0], "Run.samples(noise:): \(labels!.count) labels for \(noise.shape[0]) codes")
    var context = ForwardContext(training: false, generator: SplitMix64(seed: seed))
    return Sampling.generate(trainer.sampler, noise: noise, condition: labels.map(Sampling.condition(labels:)), context: &context)
  }
}
