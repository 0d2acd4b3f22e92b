// Open MPI, for data-parallel training across processes, loaded at run time: only when the
// process was started by mpirun (or srun) does anything here open libmpi, so the package builds
// and every single-process command runs where MPI is not installed at all.
#ifndef CMPI_H
#define CMPI_H

#include <stddef.h>

// Whether the environment says a launcher started this process as one of several (Open MPI's
// OMPI_COMM_WORLD_SIZE, or PMI_SIZE / PMIX_SIZE), and how many.
int cmpi_launched_size(void);
// This process's index on its node among the launched processes, and how many share the node
// (from the launcher's environment; 0 and 1 when not launched).
int cmpi_local_rank(void);
int cmpi_local_size(void);

// Loads libmpi and initializes MPI (errors returned, not fatal). Returns 0, or -1 with the
// reason in `error`. Calling it again after success does nothing.
int cmpi_init(char *error, size_t length);
int cmpi_rank(void);
int cmpi_size(void);

// In-place sums across all processes of `count` floats or doubles (chunked past 2³¹ elements).
// Return 0, or -1 with MPI's message in `error`.
int cmpi_allreduce_sum_float(float *buffer, long count, char *error, size_t length);
int cmpi_allreduce_sum_double(double *buffer, long count, char *error, size_t length);
// `bytes` bytes from process `root` to every process. Returns 0 or -1.
int cmpi_broadcast(void *buffer, long bytes, int root, char *error, size_t length);
int cmpi_barrier(char *error, size_t length);
// Ends every process of the job with `code` (mpirun reports which process asked).
void cmpi_abort(int code);
void cmpi_finalize(void);

#endif
