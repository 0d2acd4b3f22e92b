import TensorBackend

extension Layer {
  /// Re-draws the weights of every convolution and batch norm below this layer as the DCGAN
  /// reference code does (Radford et al. 2015; PyTorch's DCGAN example, `weights_init`):
  /// convolution and transposed-convolution filters from N(0, 0.02²), batch-norm scales γ from
  /// N(1, 0.02²) and shifts β set to 0. Convolution biases and dense layers keep their values.
  ///
  /// Layers are visited parents first, in `allLayers` order (PyTorch's `modules()`), so a seed
  /// gives the same draws as long as the architecture is the same.
  public func applyDCGANInitialization(using generator: inout some RandomNumberGenerator) {
    for layer in allLayers {
      let filter: Parameter?
      switch layer {
      case let convolution as Conv2D: filter = convolution.weight
      case let transposed as TransposedConv2D: filter = transposed.weight
      default: filter = nil
      }
      if let filter {
        filter.assign(Initializer.dcganWeight.tensor(filter.shape, dtype: filter.dtype, using: &generator))
      }
      if let norm = layer as? BatchNorm, let scale = norm.scale, let offset = norm.offset {
        scale.assign(Initializer.dcganBatchNormScale.tensor(scale.shape, dtype: scale.dtype, using: &generator))
        offset.assign(.zeros(offset.shape, dtype: offset.dtype))
      }
    }
  }
}
