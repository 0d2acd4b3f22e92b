/// The balls of the manifold metrics (`PrecisionRecall`, `DensityCoverage`): each sample's ball
/// reaches its k-th nearest other sample of the same set.
struct NeighbourBalls {
  let k: Int

  /// Checks the two sets for a metric with balls of the k-th neighbour.
  ///
  /// - Throws: `invalidParameter` for k < 1; `dimensionMismatch`; `tooFewSamples` when the real
  ///   set has k samples or fewer, or the generated set fewer than `fakeNeeds` (default k + 1,
  ///   for balls around the generated samples too).
  init(real: FeatureMatrix, fake: FeatureMatrix, k: Int, metric: String, fakeNeeds: Int? = nil) throws(MetricError) {
    guard k >= 1 else { throw .invalidParameter(metric: metric, problem: "k = \(k), must be at least 1") }
    guard real.dimension == fake.dimension else {
      throw .dimensionMismatch(first: real.name, firstDimension: real.dimension, second: fake.name, secondDimension: fake.dimension)
    }
    let reason = "each sample's ball reaches its \(k)-th nearest other sample"
    guard real.count > k else { throw .tooFewSamples(metric: metric, set: real.name, count: real.count, needed: k + 1, reason: reason) }
    let needed = fakeNeeds ?? k + 1
    guard fake.count >= needed else {
      throw .tooFewSamples(metric: metric, set: fake.name, count: fake.count, needed: needed, reason: fakeNeeds == nil ? reason : "a share of generated samples")
    }
    self.k = k
  }

  /// r² for every sample of `set`: the exact squared distance to its k-th nearest other sample.
  func squaredRadii(of set: FeatureMatrix, progress: ((Int, Int) -> Void)?) throws(MetricError) -> [Double] {
    try NearestNeighbours(references: set).search(set, k: k, excludingSelf: true, progress: progress).squaredDistances(atRank: k)
  }
}
