import _CKernels

/// The LAPACK routines the zoo uses, from OpenBLAS (loaded at first use, see `_CKernels/openblas.c`).
public enum LAPACK {
  /// Eigenvalues (ascending) and orthonormal eigenvectors of the symmetric n×n matrix `a`,
  /// column-major, by divide and conquer (`dsyevd`): the eigenvectors replace `a`'s columns.
  /// Returns the eigenvalues and LAPACK's info (0 on success, > 0 when it did not converge;
  /// −1000 when OpenBLAS is not installed, with `unavailableReason` saying why).
  public static func symmetricEigendecomposition(_ a: inout [Double], order n: Int) -> (eigenvalues: [Double], info: Int32) {
    precondition(a.count == n * n, "symmetricEigendecomposition: \(a.count) values for an order-\(n) matrix")
    var eigenvalues = [Double](repeating: 0, count: n)
    guard n > 0 else { return ([], 0) }
    let info = a.withUnsafeMutableBufferPointer { a in
      eigenvalues.withUnsafeMutableBufferPointer { w in ck_dsyevd(Int32(n), a.baseAddress, w.baseAddress) }
    }
    return (eigenvalues, info)
  }

  /// Why OpenBLAS could not be loaded, or nil.
  public static var unavailableReason: String? { ck_openblas_error().map { String(cString: $0) } }
}
