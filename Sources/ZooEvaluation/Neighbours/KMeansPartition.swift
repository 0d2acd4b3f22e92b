import TensorBackend

/// A partition of feature space into the Voronoi cells of k centroids fitted by k-means (Lloyd
/// 1982) from k-means++ seeds (Arthur & Vassilvitskii 2007): the cells of the data-copying test.
///
/// Seeding: the first centroid is a uniformly drawn sample; each next one a sample drawn with
/// probability proportional to its squared distance to the nearest centroid so far (exact float64
/// distances). Iterations: every sample goes to its nearest centroid (exact, ties to the lower
/// centroid index) and each centroid moves to the mean of its samples, until no assignment
/// changes, or the centroids move less than scikit-learn's KMeans stops at (Σ ‖Δc‖² ≤ 10⁻⁴ times
/// the mean per-coordinate variance of the data: `tol=1e-4`), or `maximumIterations` (its
/// `max_iter`, 300) pass. A centroid left without samples jumps to the sample farthest from its
/// own centroid. One seed gives one partition on every machine: draws come from `SplitMix64`,
/// assignments are exact and means are summed in a fixed order. (scikit-learn's default of
/// several seedings, keeping the best, is not done: one seeding, one partition.)
struct KMeansPartition {
  /// The k centroids, (k, D) float64.
  let centroids: FeatureMatrix
  /// Lloyd iterations run.
  let iterations: Int
  /// Whether the last iteration changed no assignment.
  let converged: Bool
  /// The cell of every fitted sample.
  let assignments: [Int]

  /// Fits k centroids to `data` (N ≥ k samples).
  init(
    fitting data: FeatureMatrix, cells k: Int, seed: UInt64, maximumIterations: Int = 300,
    progress: ((Int, Int) -> Void)? = nil
  ) throws(MetricError) {
    precondition(k >= 1 && data.count >= k, "KMeansPartition: \(k) cells need at least \(k) samples, got \(data.count)")
    var generator = SplitMix64(seed: seed)
    var centroids = try Self.seeds(data, count: k, using: &generator)
    let tolerance = Self.tolerance * Self.meanVariance(of: data)
    var assignments = [Int](repeating: -1, count: data.count)
    var iterations = 0, converged = false
    while iterations < maximumIterations && !converged {
      iterations += 1
      let nearest = try NearestNeighbours(references: centroids).search(data, k: 1, candidateMargin: 1)
      converged = nearest.indices == assignments
      assignments = nearest.indices
      let (means, sizes) = Self.means(of: data, assignments: assignments, cells: k)
      var rows = means
      let shift = zip(rows, 0..<k).reduce(0.0) { total, pair in
        total + zip(pair.0, centroids.row(pair.1)).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
      }
      if shift <= tolerance { converged = true }
      // Empty cells take the samples farthest from their centroids, farthest first.
      let empty = sizes.indices.filter { sizes[$0] == 0 }
      if !empty.isEmpty {
        converged = false
        let farthest = nearest.squaredDistances.indices.sorted { (nearest.squaredDistances[$0], $1) > (nearest.squaredDistances[$1], $0) }
        for (cell, sample) in zip(empty, farthest) { rows[cell] = data.row(sample) }
      }
      centroids = try FeatureMatrix(rows: rows, name: "centroid")
      progress?(iterations, maximumIterations)
    }
    if converged { progress?(maximumIterations, maximumIterations) }
    self.centroids = centroids
    self.iterations = iterations
    self.converged = converged
    self.assignments = assignments
  }

  /// k.
  var cellCount: Int { centroids.count }

  /// scikit-learn's `tol`: the centroids' total squared shift, relative to the mean variance,
  /// below which iterations stop.
  static let tolerance = 1e-4

  /// The cell of every row of `points`: its nearest centroid (ties to the lower index).
  func cells(of points: FeatureMatrix) throws(MetricError) -> [Int] {
    try NearestNeighbours(references: centroids).search(points, k: 1, candidateMargin: 1).indices
  }

  /// k-means++ seeds.
  private static func seeds(_ data: FeatureMatrix, count k: Int, using generator: inout SplitMix64) throws(MetricError) -> FeatureMatrix {
    var chosen = [Int.random(in: 0..<data.count, using: &generator)]
    var nearest = [Double](repeating: .infinity, count: data.count)
    while chosen.count < k {
      let latest = data.rows([chosen[chosen.count - 1]])
      nearest.withUnsafeMutableBufferPointer { out in
        Parallel.forEachRange(data.count, work: data.count * data.dimension) { _, range in
          for i in range { out[i] = min(out[i], data.exactSquaredDistance(i, to: latest, 0)) }
        }
      }
      let total = nearest.reduce(0, +)
      guard total > 0 else {
        // Fewer distinct samples than cells: take the next unchosen sample.
        chosen.append((0..<data.count).first { !chosen.contains($0) }!)
        continue
      }
      let target = generator.nextUnitInterval() * total
      var cumulative = 0.0, pick = data.count - 1
      for (index, weight) in nearest.enumerated() {
        cumulative += weight
        if cumulative > target && weight > 0 { pick = index; break }
      }
      chosen.append(pick)
    }
    return try FeatureMatrix(rows: chosen.map { data.row($0) }, name: "centroid")
  }

  /// The mean of each cell's samples, summed in sample order, and each cell's size.
  private static func means(of data: FeatureMatrix, assignments: [Int], cells k: Int) -> ([[Double]], [Int]) {
    switch data.values.dtype {
    case .float32: return means(of: data, Float.self, assignments: assignments, cells: k)
    case .float64: return means(of: data, Double.self, assignments: assignments, cells: k)
    }
  }

  private static func means<T: KernelScalar>(of data: FeatureMatrix, _: T.Type, assignments: [Int], cells k: Int) -> ([[Double]], [Int]) {
    let d = data.dimension
    var sums = [Double](repeating: 0, count: k * d)
    var sizes = [Int](repeating: 0, count: k)
    data.values.withUnsafeBufferPointer(as: T.self) { values in
      sums.withUnsafeMutableBufferPointer { sums in
        for (sample, cell) in assignments.enumerated() {
          sizes[cell] += 1
          let row = values.baseAddress! + sample * d, total = sums.baseAddress! + cell * d
          for j in 0..<d { total[j] += Double(row[j]) }
        }
      }
    }
    return ((0..<k).map { cell in (0..<d).map { sums[cell * d + $0] / Double(max(sizes[cell], 1)) } }, sizes)
  }

  /// The mean over coordinates of each coordinate's variance (population), as scikit-learn
  /// scales its tolerance.
  private static func meanVariance(of data: FeatureMatrix) -> Double {
    let statistics = (0..<data.count).reduce(into: (sum: [Double](repeating: 0, count: data.dimension), squares: 0.0)) { result, i in
      let row = data.row(i)
      for j in row.indices { result.sum[j] += row[j] }
      result.squares += data.squaredNorms[i]
    }
    let n = Double(data.count)
    let meanSquares = statistics.sum.reduce(0) { $0 + ($1 / n) * ($1 / n) }
    return max(0, statistics.squares / n - meanSquares) / Double(data.dimension)
  }
}
