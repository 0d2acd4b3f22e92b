import TensorBackend

/// N samples of D features each, the input of every sample metric: checked once (an (N, D)
/// matrix of finite numbers) and held in the forms the metrics compute with.
///
/// Features are whatever space a metric is measured in: pixels scaled to [0, 1], or the reference
/// classifier's penultimate activations (`ReferenceClassifier.features`). `name` ("real", "fake",
/// "training", …) names the set in error messages.
///
/// - `values`: the features as given, float32 or float64, the numbers every distance is finally
///   computed from;
/// - `singlePrecision`: the same in float32 for the backend's fast matrix products (the same
///   storage when the values are float32);
/// - `squaredNorms`: ‖xᵢ‖² in float64, for ‖x − y‖² = ‖x‖² + ‖y‖² − 2 x·y.
public struct FeatureMatrix {
  /// The set's name in messages.
  public let name: String
  /// (N, D), as given.
  public let values: Tensor
  /// (N, D) in float32.
  let singlePrecision: Tensor
  /// ‖xᵢ‖², N entries, summed in float64.
  let squaredNorms: [Double]

  /// Checks `features` and prepares them.
  ///
  /// - Throws: `notAMatrix` unless the shape is (N, D) with D ≥ 1; `nonFinite` naming how many
  ///   values are NaN or ±∞ and where the first one is.
  public init(_ features: Tensor, name: String) throws(MetricError) {
    guard features.rank == 2, features.shape[1] >= 1 else { throw .notAMatrix(set: name, shape: features.shape) }
    let d = features.shape[1]
    let (badCount, firstBad, norms) = features.dtype == .float32
      ? Self.scan(features, as: Float.self, dimension: d) : Self.scan(features, as: Double.self, dimension: d)
    if let firstBad {
      throw .nonFinite(set: name, count: badCount, row: firstBad / d, column: firstBad % d, value: features[flat: firstBad])
    }
    self.name = name
    values = features.detached
    singlePrecision = features.dtype == .float32 ? values : features.converted(to: .float32)
    squaredNorms = norms
  }

  /// Features from rows of numbers (float64), for small hand-made sets.
  public init(rows: [[Double]], name: String) throws(MetricError) {
    let d = rows.first?.count ?? 0
    guard rows.allSatisfy({ $0.count == d }) else {
      throw .notAMatrix(set: name, shape: [rows.count, -1])
    }
    try self.init(Tensor(shape: [rows.count, d], scalars: rows.flatMap { $0 }, dtype: .float64), name: name)
  }

  /// N.
  public var count: Int { values.shape[0] }
  /// D.
  public var dimension: Int { values.shape[1] }

  /// The same features under another name (for messages).
  public func named(_ newName: String) -> FeatureMatrix {
    FeatureMatrix(name: newName, values: values, singlePrecision: singlePrecision, squaredNorms: squaredNorms)
  }

  /// The samples at `indices`, in that order.
  public func rows(_ indices: [Int]) -> FeatureMatrix {
    let picked = values.gathered(rows: indices)
    return FeatureMatrix(
      name: name, values: picked, singlePrecision: values.dtype == .float32 ? picked : singlePrecision.gathered(rows: indices),
      squaredNorms: indices.map { squaredNorms[$0] })
  }

  /// The samples in `range`.
  public func rows(_ range: Range<Int>) -> FeatureMatrix {
    rows(Array(range))
  }

  /// Row `index` as float64 numbers.
  public func row(_ index: Int) -> [Double] {
    let d = dimension
    return withRow(index) { first in (0..<d).map { first($0) } }
  }

  /// The values as an (N, D) float64 tensor, for the covariance algebra.
  var doublePrecision: Tensor { values.converted(to: .float64) }

  /// ‖xᵢ − yⱼ‖², summed in float64 from the values as given: the exact squared distance between
  /// row `i` of this set and row `j` of `other` (to float64 rounding), which the fast
  /// products' approximations are checked against.
  func exactSquaredDistance(_ i: Int, to other: FeatureMatrix, _ j: Int) -> Double {
    switch (values.dtype, other.values.dtype) {
    case (.float32, .float32): return Self.squaredDistance(values, i, Float.self, other.values, j, Float.self, dimension)
    case (.float32, .float64): return Self.squaredDistance(values, i, Float.self, other.values, j, Double.self, dimension)
    case (.float64, .float32): return Self.squaredDistance(values, i, Double.self, other.values, j, Float.self, dimension)
    case (.float64, .float64): return Self.squaredDistance(values, i, Double.self, other.values, j, Double.self, dimension)
    }
  }

  /// Σₖ (a[i, k] − b[j, k])² in float64, specialised for each pair of element types.
  @inline(__always)
  private static func squaredDistance<A: KernelScalar, B: KernelScalar>(
    _ a: Tensor, _ i: Int, _: A.Type, _ b: Tensor, _ j: Int, _: B.Type, _ d: Int
  ) -> Double {
    a.withUnsafeBufferPointer(as: A.self) { x in
      b.withUnsafeBufferPointer(as: B.self) { y in
        let p = x.baseAddress! + i * d, q = y.baseAddress! + j * d
        var sum = 0.0
        for k in 0..<d {
          let difference = Double(p[k]) - Double(q[k])
          sum += difference * difference
        }
        return sum
      }
    }
  }

  /// Row `index` of `values` as float64 numbers.
  private func withRow<R>(_ index: Int, _ body: ((Int) -> Double) -> R) -> R {
    let offset = index * dimension
    switch values.dtype {
    case .float32: return values.withUnsafeBufferPointer(as: Float.self) { p in body { Double(p[offset + $0]) } }
    case .float64: return values.withUnsafeBufferPointer(as: Double.self) { p in body { p[offset + $0] } }
    }
  }

  private init(name: String, values: Tensor, singlePrecision: Tensor, squaredNorms: [Double]) {
    self.name = name
    self.values = values
    self.singlePrecision = singlePrecision
    self.squaredNorms = squaredNorms
  }

  /// The count and first flat index of non-finite values, and every row's squared norm.
  private static func scan<T: KernelScalar>(_ tensor: Tensor, as _: T.Type, dimension d: Int) -> (Int, Int?, [Double]) {
    tensor.withUnsafeBufferPointer(as: T.self) { p in
      var badCount = 0
      var firstBad: Int?
      var norms = [Double](repeating: 0, count: tensor.shape[0])
      for row in norms.indices {
        var sum = 0.0
        for index in row * d..<(row + 1) * d {
          let value = Double(p[index])
          guard value.isFinite else {
            badCount += 1
            if firstBad == nil { firstBad = index }
            continue
          }
          sum += value * value
        }
        norms[row] = sum
      }
      return (badCount, firstBad, norms)
    }
  }
}
