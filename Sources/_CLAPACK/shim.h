// The LAPACK routines the evaluation harness calls, from OpenBLAS (Debian: libopenblas-dev, whose
// libopenblas carries LAPACK but no lapack.h). Fortran calling convention: every argument by
// address, matrices column-major, and gfortran's hidden lengths of the character arguments last.
#include <stddef.h>

// Eigenvalues (ascending, in w) and, with jobz = 'V', orthonormal eigenvectors (the columns of a,
// overwriting it) of the symmetric n×n matrix a, by divide and conquer. A workspace query
// (lwork = liwork = -1) returns the sizes needed in work[0] and iwork[0]. info = 0 on success,
// < 0 for a bad argument, > 0 when the algorithm failed to converge.
void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w,
             double *work, const int *lwork, int *iwork, const int *liwork, int *info,
             size_t jobz_length, size_t uplo_length);
