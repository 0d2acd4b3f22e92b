@testable import Datasets
import Foundation
import NeuralNetworks
import TensorBackend
import ZooCore
@testable import ZooEvaluation

/// Generators whose answers are known, for the walk and comparison tests.
enum WalkTestGenerators {
  /// x = tanh(z W) as (N, 1, side, side) images: W (Z, side²) seeded, with the rows of
  /// `ignored` coordinates zero, so those coordinates change nothing.
  final class Linear: Generator {
    let latentDimension: Int
    let sampleShape: [Int]
    let weight: Tensor
    /// A value added to every output before tanh is skipped, for out-of-range tests.
    var scale = 1.0

    init(latentDimension: Int, side: Int, ignored: Set<Int> = [], seed: UInt64 = 1) {
      self.latentDimension = latentDimension
      sampleShape = [1, side, side]
      var random = SplitMix64(seed: seed)
      let values = Tensor.randomNormal([latentDimension, side * side], using: &random).scalars
      weight = Tensor(shape: [latentDimension, side * side], scalars: values.enumerated().map { ignored.contains($0.offset / (side * side)) ? 0 : $0.element / 4 })
    }

    func callAsFunction(noise: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
      (tanh(matmul(noise, weight)) * scale).reshaped(to: [noise.shape[0]] + sampleShape)
    }
  }

  /// Noise (N, Z + P): a latent of Z and P values a walk must hold fixed (like LAPGAN's noise
  /// planes); the image is the latent's tanh followed by the held values' tanh.
  final class Composite: Generator {
    let latentDimension: Int
    let heldCount: Int
    var sampleShape: [Int] { [1, 1, latentDimension + heldCount] }

    init(latentDimension: Int, heldCount: Int) {
      self.latentDimension = latentDimension
      self.heldCount = heldCount
    }

    func makeNoise(count: Int, using generator: inout SplitMix64) -> Tensor {
      Tensor.randomNormal([count, latentDimension + heldCount], using: &generator)
    }

    func walkedLatent(of noise: Tensor) -> Tensor { noise.sliced(alongAxis: 1, 0..<latentDimension) }

    func replacingWalkedLatent(of noise: Tensor, with latent: Tensor) -> Tensor {
      Tensor.concatenate([latent, noise.sliced(alongAxis: 1, latentDimension..<(latentDimension + heldCount))], alongAxis: 1)
    }

    func callAsFunction(noise: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
      tanh(noise).reshaped(to: [noise.shape[0]] + sampleShape)
    }
  }

  /// Draws `Shapes` whose factors are set by the latent: z₀ moves the centre's x, z₁ the scale,
  /// z₂ nothing, z₃ the hue; class, y, rotation and the colour's other parts fixed.
  final class ShapeRendering: Generator {
    let shapes: Shapes
    let latentDimension = 4
    var sampleShape: [Int] { shapes.sampleShape }

    init(shapes: Shapes) { self.shapes = shapes }

    func callAsFunction(noise: Tensor, condition: Tensor?, context: inout ForwardContext) -> Tensor {
      let z = noise.scalars, n = noise.shape[0]
      var values: [Float] = []
      for row in 0..<n {
        let scale = 0.3 + 0.1 * tanh(z[row * 4 + 1])
        let factors = Shapes.Factors(
          kind: .square, centerX: 0.5 + 0.18 * tanh(z[row * 4]), centerY: 0.5, scale: scale, rotation: 0.3,
          color: Shapes.rgb(hue: 0.5 + 0.25 * tanh(z[row * 4 + 3]), saturation: 0.9, value: 0.9))
        values += shapes.render(factors)
      }
      return Tensor(shape: [n] + sampleShape, scalars: values)
    }
  }
}
