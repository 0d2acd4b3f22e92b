import TensorBackend

/// Squared Euclidean distances between every query row and every reference row, computed block
/// by block with the backend's matrix product and handed to the caller one query row at a time,
/// each with a bound on its rounding error, so that callers can take exact decisions.
///
/// For queries X (N, D) and references Y (M, D):
///
///     ‖xᵢ − yⱼ‖² = ‖xᵢ‖² + ‖yⱼ‖² − 2 xᵢ·yⱼ
///
/// where the products X_b Yᵀ of a block of b query rows come from one `matmul` (b, D)·(D, M), and
/// the norms are summed once in float64. A block holds b·M products, b chosen so that a block
/// takes at most `blockBytes` (64 MB: 268 rows against MNIST's 60,000 in float32), so memory stays
/// bounded whatever N is. The rows of a block are handed out on all cores.
///
/// Numerical trap: the expansion cancels. Two images at distance 3 with norms of 10 lose two
/// digits, and float32 has seven. Each row therefore carries the rounding bound of Higham's
/// "Accuracy and Stability of Numerical Algorithms" (2002), eq. 3.5 for a dot product in any
/// summation order, widened for the float32 rounding of float64 input and for the float64
/// arithmetic around it:
///
///     |d̃² − d²| ≤ c (‖xᵢ‖² + ‖yⱼ‖²),  c = γ(D + 2, u) + 2 γ(D, 2⁻⁵³) + 8·2⁻⁵³,  γ(n, u) = n u / (1 − n u)
///
/// (u = 2⁻²⁴ for float32 products, 2⁻⁵³ for float64), from |Σ xₖyₖ − fl(Σ xₖyₖ)| ≤ γ Σ |xₖyₖ|
/// ≤ γ (‖x‖² + ‖y‖²) / 2. Where the decision a caller takes from d̃² is within that bound of
/// changing, it recomputes the distance exactly (`DistanceRow.exact`, a float64 sum of squared
/// differences); elsewhere the approximation cannot have changed it.
struct PairwiseSquaredDistances {
  /// The query rows X.
  let queries: FeatureMatrix
  /// The reference rows Y.
  let references: FeatureMatrix

  /// The most memory one block of products takes, by default.
  static let defaultBlockBytes = 64 << 20
  /// The most memory one block of products takes.
  var blockBytes = defaultBlockBytes

  init(queries: FeatureMatrix, references: FeatureMatrix) throws(MetricError) {
    guard queries.dimension == references.dimension else {
      throw .dimensionMismatch(
        first: queries.name, firstDimension: queries.dimension, second: references.name, secondDimension: references.dimension)
    }
    self.queries = queries
    self.references = references
  }

  /// c of the rounding bound, for products computed with unit roundoff `u` over D terms.
  static func boundFactor(dimension d: Int, unitRoundoff u: Double) -> Double {
    func gamma(_ n: Int, _ u: Double) -> Double { Double(n) * u / (1 - Double(n) * u) }
    let double = 0x1p-53
    // 1 % more than the bound itself, for the rounding of c's own arithmetic.
    return 1.01 * (gamma(d + 2, u) + 2 * gamma(d, double) + 8 * double)
  }

  /// Calls `body(i, row)` for every query row i, rows of one block concurrently (the body may
  /// write only to what belongs to row i), with products computed in `Scalar` (Float: fast;
  /// Double: when every distance is needed to float64 accuracy). `progress(done, N)` is called
  /// after each block with the number of query rows finished.
  func forEachRow<Scalar: KernelScalar>(
    in _: Scalar.Type, progress: ((Int, Int) -> Void)? = nil, _ body: (Int, DistanceRow<Scalar>) -> Void
  ) {
    let n = queries.count, m = references.count
    guard n > 0 else { return }
    let dtype = Scalar.dtype
    let queryValues = dtype == .float32 ? queries.singlePrecision : queries.doublePrecision
    let referenceValues = dtype == .float32 ? references.singlePrecision : references.doublePrecision
    let factor = Self.boundFactor(dimension: queries.dimension, unitRoundoff: dtype == .float32 ? 0x1p-24 : 0x1p-53)
    let largestReferenceNorm = references.squaredNorms.max() ?? 0
    let rowsPerBlock = max(1, min(n, blockBytes / max(1, m * dtype.byteCount)))
    references.squaredNorms.withUnsafeBufferPointer { referenceNorms in
      for start in stride(from: 0, to: n, by: rowsPerBlock) {
        let rows = start..<min(start + rowsPerBlock, n)
        let block = rows.count == n ? queryValues : queryValues.sliced(alongAxis: 0, rows)
        let products = m == 0 ? Tensor.zeros([rows.count, 0], dtype: dtype) : matmul(block, referenceValues, transposeB: true)
        products.withUnsafeBufferPointer(as: Scalar.self) { dots in
          Parallel.forEachRange(rows.count, work: rows.count * m) { _, range in
            for offset in range {
              let i = rows.lowerBound + offset
              let norm = queries.squaredNorms[i]
              body(i, DistanceRow(
                query: i, products: dots.baseAddress.map { $0 + offset * m }, queryNorm: norm,
                referenceNorms: referenceNorms, boundFactor: factor, rowBound: factor * (norm + largestReferenceNorm),
                queries: queries, references: references))
            }
          }
        }
        progress?(rows.upperBound, n)
      }
    }
  }
}

/// The squared distances from one query row to every reference row: approximations from the
/// matrix product with their rounding bounds, and exact values on demand.
struct DistanceRow<Scalar: KernelScalar> {
  /// i, the query row.
  let query: Int
  /// xᵢ·yⱼ for j in 0..<M (nil when M = 0).
  let products: UnsafePointer<Scalar>?
  /// ‖xᵢ‖².
  let queryNorm: Double
  /// ‖yⱼ‖².
  let referenceNorms: UnsafeBufferPointer<Double>
  /// c of the rounding bound.
  let boundFactor: Double
  /// The bound for every j at once: c (‖xᵢ‖² + maxⱼ ‖yⱼ‖²).
  let rowBound: Double
  let queries: FeatureMatrix
  let references: FeatureMatrix

  /// M.
  var count: Int { referenceNorms.count }

  /// d̃²(i, j) from the product.
  @inline(__always) func approximate(_ j: Int) -> Double {
    queryNorm + referenceNorms[j] - 2 * Double(products![j])
  }

  /// The largest |d̃²(i, j) − d²(i, j)| rounding allows.
  @inline(__always) func bound(_ j: Int) -> Double {
    boundFactor * (queryNorm + referenceNorms[j])
  }

  /// d²(i, j) summed in float64 from the values themselves.
  func exact(_ j: Int) -> Double {
    queries.exactSquaredDistance(query, to: references, j)
  }

  /// Whether d²(i, j) < `threshold` (or ≤ when `inclusive`), decided on the approximation when
  /// the bound allows and on the exact distance otherwise.
  @inline(__always) func isWithin(_ j: Int, squaredRadius threshold: Double, inclusive: Bool) -> Bool {
    let approximation = approximate(j), slack = bound(j)
    if approximation + slack < threshold { return true }
    if approximation - slack > threshold { return false }
    let distance = exact(j)
    return inclusive ? distance <= threshold : distance < threshold
  }
}
