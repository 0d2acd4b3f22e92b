import NeuralNetworks
import TensorBackend
import Testing

@Suite struct ConvolutionLayerTests {
  static let tolerance = 1e-6

  @Test(arguments: [(stride: 1, padding: 0), (stride: 2, padding: 1)])
  func conv2DFullJacobian(stride: Int, padding: Int) {
    var generator = SplitMix64(seed: 31)
    let layer = Conv2D(inputChannels: 2, outputChannels: 2, kernelSize: 3, stride: stride, padding: padding, using: &generator)
    layer.convert(to: .float64)
    let x = Tensor.randomNormal([1, 2, 4, 4], dtype: .float64, using: &generator)
    var context = trainingContext()
    let inputReport = checkGradients(of: { layer($0[0], context: &context) }, at: [x], fullJacobian: true)
    let parameterReport = checkParameterGradients(of: layer) { randomProjection(layer(x, context: &context)) }
    #expect(inputReport.maxRelativeError < Self.tolerance, "\(inputReport)")
    #expect(parameterReport.maxRelativeError < Self.tolerance, "\(parameterReport)")
  }

  @Test(arguments: [(stride: 1, padding: 0, outputPadding: 0), (stride: 2, padding: 1, outputPadding: 1)])
  func transposedConv2DFullJacobian(stride: Int, padding: Int, outputPadding: Int) {
    var generator = SplitMix64(seed: 32)
    let layer = TransposedConv2D(
      inputChannels: 2, outputChannels: 2, kernelSize: 3, stride: stride, padding: padding,
      outputPadding: outputPadding, using: &generator)
    layer.convert(to: .float64)
    let x = Tensor.randomNormal([1, 2, 2, 3], dtype: .float64, using: &generator)
    var context = trainingContext()
    let inputReport = checkGradients(of: { layer($0[0], context: &context) }, at: [x], fullJacobian: true)
    let parameterReport = checkParameterGradients(of: layer) { randomProjection(layer(x, context: &context)) }
    #expect(inputReport.maxRelativeError < Self.tolerance, "\(inputReport)")
    #expect(parameterReport.maxRelativeError < Self.tolerance, "\(parameterReport)")
  }

  @Test func dcganShapes() {
    var generator = SplitMix64(seed: 33)
    var context = trainingContext()
    // Radford et al. 2015, figure 1, at a tenth of the width: z (N, Z, 1, 1) -> 4 -> 8 -> 16 -> 32.
    let generatorNetwork = Sequential {
      TransposedConv2D(inputChannels: 10, outputChannels: 16, kernelSize: 4, bias: false, using: &generator)
      BatchNorm(featureCount: 16)
      ReLU()
      TransposedConv2D(inputChannels: 16, outputChannels: 8, kernelSize: 4, stride: 2, padding: 1, bias: false, using: &generator)
      BatchNorm(featureCount: 8)
      ReLU()
      TransposedConv2D(inputChannels: 8, outputChannels: 4, kernelSize: 4, stride: 2, padding: 1, bias: false, using: &generator)
      BatchNorm(featureCount: 4)
      ReLU()
      TransposedConv2D(inputChannels: 4, outputChannels: 3, kernelSize: 4, stride: 2, padding: 1, bias: false, using: &generator)
      Tanh()
    }
    let z = Tensor.randomNormal([2, 10, 1, 1], using: &generator)
    let images = generatorNetwork(z, context: &context)
    #expect(images.shape == [2, 3, 32, 32])
    let discriminator = Sequential {
      Conv2D(inputChannels: 3, outputChannels: 4, kernelSize: 4, stride: 2, padding: 1, using: &generator)
      LeakyReLU(negativeSlope: 0.2)
      Conv2D(inputChannels: 4, outputChannels: 8, kernelSize: 4, stride: 2, padding: 1, using: &generator)
      AveragePool(factor: 2)
      Upsample(factor: 2, mode: .bilinear)
      Conv2D(inputChannels: 8, outputChannels: 1, kernelSize: 8, using: &generator)
      Flatten()
    }
    #expect(discriminator(images, context: &context).shape == [2, 1])
    #expect(Upsample(factor: 3)(images, context: &context).shape == [2, 3, 96, 96])
    #expect(generatorNetwork.namedParameters.map(\.name).prefix(3) == ["0.weight", "1.weight", "1.bias"])
    #expect(TransposedConv2D(inputChannels: 3, outputChannels: 2, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1, using: &generator)(
      Tensor.zeros([1, 3, 5, 5]), context: &context).shape == [1, 2, 10, 10])
  }

  @Test func pytorchDefaultInitializationBounds() {
    var generator = SplitMix64(seed: 34)
    // Conv2d fan-in C·K² = 8·9 = 72; ConvTranspose2d fan-in from the filter's second dimension, O·K² = 4·9 = 36.
    let convolution = Conv2D(inputChannels: 8, outputChannels: 64, kernelSize: 3, using: &generator)
    let transposed = TransposedConv2D(inputChannels: 64, outputChannels: 4, kernelSize: 3, using: &generator)
    let convolutionMax = convolution.weight.value.scalars.map(abs).max()!
    let transposedMax = transposed.weight.value.scalars.map(abs).max()!
    #expect(convolutionMax <= 1 / 72.0.squareRoot() && convolutionMax > 0.99 / 72.0.squareRoot())
    #expect(transposedMax <= 1 / 36.0.squareRoot() && transposedMax > 0.99 / 36.0.squareRoot())
    #expect(transposed.bias!.value.scalars.allSatisfy { abs($0) <= 1 / 36.0.squareRoot() })
  }

  @Test func dcganInitialization() {
    var generator = SplitMix64(seed: 35)
    let model = Sequential {
      Conv2D(inputChannels: 16, outputChannels: 64, kernelSize: 4, using: &generator)
      Sequential {
        BatchNorm(featureCount: 4000)
        TransposedConv2D(inputChannels: 64, outputChannels: 16, kernelSize: 4, bias: false, using: &generator)
      }
      Dense(inputSize: 3, outputSize: 3, using: &generator)
    }
    let convolutionBias = bits((model.layers[0] as! Conv2D).bias!.value)
    let denseWeight = bits((model.layers[2] as! Dense).weight.value)
    model.applyDCGANInitialization(using: &generator)
    func moments(_ values: [Double]) -> (mean: Double, deviation: Double) {
      let mean = values.reduce(0, +) / Double(values.count)
      return (mean, (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot())
    }
    let named = Dictionary(uniqueKeysWithValues: model.namedParameters.map { ($0.name, $0.parameter.value.scalars) })
    for name in ["0.weight", "1.1.weight"] {
      let (mean, deviation) = moments(named[name]!)
      #expect(abs(mean) <= 0.001 && abs(deviation - 0.02) <= 0.001, "\(name): mean \(mean), deviation \(deviation)")
    }
    let (scaleMean, scaleDeviation) = moments(named["1.0.weight"]!)
    #expect(abs(scaleMean - 1) <= 0.002 && abs(scaleDeviation - 0.02) <= 0.002)
    #expect(named["1.0.bias"]!.allSatisfy { $0 == 0 })
    #expect(bits((model.layers[0] as! Conv2D).bias!.value) == convolutionBias)
    #expect(bits((model.layers[2] as! Dense).weight.value) == denseWeight)
  }
}
