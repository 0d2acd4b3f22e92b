// Open MPI's C interface, reached through dlopen and dlsym: its handles (MPI_COMM_WORLD,
// MPI_FLOAT, MPI_SUM, …) are addresses of global objects in libmpi, looked up by their Open MPI
// names; MPI_IN_PLACE is (void *) 1 and MPI_SUCCESS 0 in its ABI. Open MPI only (Debian's default
// MPI); MPICH's integer handles are not supported.
#include "cmpi.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void *handle;
typedef int (*init_function)(int *, char ***);
typedef int (*initialized_function)(int *);
typedef int (*comm_int_function)(handle, int *);
typedef int (*allreduce_function)(const void *, void *, int, handle, handle, handle);
typedef int (*bcast_function)(void *, int, handle, int, handle);
typedef int (*barrier_function)(handle);
typedef int (*abort_function)(handle, int);
typedef int (*finalize_function)(void);
typedef int (*set_errhandler_function)(handle, handle);
typedef int (*error_string_function)(int, char *, int *);

static void *library;
static int initialized, rank_, size_ = 1;
static handle comm_world, float_type, double_type, byte_type, sum_op;
static allreduce_function allreduce;
static bcast_function bcast;
static barrier_function barrier;
static abort_function abort_job;
static finalize_function finalize;
static error_string_function error_string;

static int environment_int(const char *const names[], int fallback) {
  for (int i = 0; names[i]; i++) {
    const char *value = getenv(names[i]);
    if (value && *value) return atoi(value);
  }
  return fallback;
}

int cmpi_launched_size(void) {
  static const char *const names[] = {"OMPI_COMM_WORLD_SIZE", "PMIX_SIZE", "PMI_SIZE", NULL};
  return environment_int(names, 0);
}

int cmpi_local_rank(void) {
  static const char *const names[] = {"OMPI_COMM_WORLD_LOCAL_RANK", "MPI_LOCALRANKID", NULL};
  return environment_int(names, 0);
}

int cmpi_local_size(void) {
  static const char *const names[] = {"OMPI_COMM_WORLD_LOCAL_SIZE", "MPI_LOCALNRANKS", NULL};
  return environment_int(names, 1);
}

static int fail(char *error, size_t length, const char *what, int code) {
  if (!error || !length) return -1;
  char message[256] = "";
  int message_length = 0;
  if (error_string && code != 0) error_string(code, message, &message_length);
  snprintf(error, length, "MPI: %s%s%s", what, message[0] ? ": " : "", message);
  return -1;
}

static void *symbol(const char *name, char *error, size_t length) {
  void *address = dlsym(library, name);
  if (!address && error && length) snprintf(error, length, "MPI: libmpi has no symbol %s (not Open MPI?)", name);
  return address;
}

int cmpi_init(char *error, size_t length) {
  if (initialized) return 0;
  const char *names[] = {"libmpi.so.40", "libmpi.so", NULL};
  for (int i = 0; names[i] && !library; i++) library = dlopen(names[i], RTLD_NOW | RTLD_GLOBAL);
  if (!library) {
    if (error && length)
      snprintf(error, length, "MPI: cannot load Open MPI's libmpi (%s); on Debian: apt-get install openmpi-bin libopenmpi-dev",
               dlerror());
    return -1;
  }
  init_function init = (init_function)symbol("MPI_Init", error, length);
  initialized_function already = (initialized_function)symbol("MPI_Initialized", error, length);
  comm_int_function comm_rank = (comm_int_function)symbol("MPI_Comm_rank", error, length);
  comm_int_function comm_size = (comm_int_function)symbol("MPI_Comm_size", error, length);
  set_errhandler_function set_errhandler = (set_errhandler_function)symbol("MPI_Comm_set_errhandler", error, length);
  allreduce = (allreduce_function)symbol("MPI_Allreduce", error, length);
  bcast = (bcast_function)symbol("MPI_Bcast", error, length);
  barrier = (barrier_function)symbol("MPI_Barrier", error, length);
  abort_job = (abort_function)symbol("MPI_Abort", error, length);
  finalize = (finalize_function)symbol("MPI_Finalize", error, length);
  error_string = (error_string_function)symbol("MPI_Error_string", error, length);
  comm_world = symbol("ompi_mpi_comm_world", error, length);
  float_type = symbol("ompi_mpi_float", error, length);
  double_type = symbol("ompi_mpi_double", error, length);
  byte_type = symbol("ompi_mpi_byte", error, length);
  sum_op = symbol("ompi_mpi_op_sum", error, length);
  handle errors_return = symbol("ompi_mpi_errors_return", error, length);
  if (!init || !already || !comm_rank || !comm_size || !set_errhandler || !allreduce || !bcast || !barrier ||
      !abort_job || !finalize || !comm_world || !float_type || !double_type || !byte_type || !sum_op || !errors_return)
    return -1;
  int done = 0;
  already(&done);
  if (!done) {
    int code = init(NULL, NULL);
    if (code != 0) return fail(error, length, "MPI_Init failed", code);
  }
  set_errhandler(comm_world, errors_return);
  comm_rank(comm_world, &rank_);
  comm_size(comm_world, &size_);
  initialized = 1;
  return 0;
}

int cmpi_rank(void) { return rank_; }
int cmpi_size(void) { return size_; }

#define IN_PLACE ((void *)1)

static int allreduce_sum(void *buffer, long count, size_t element, handle type, char *error, size_t length) {
  if (!initialized) return fail(error, length, "not initialized", 0);
  char *bytes = buffer;
  while (count > 0) {
    int chunk = count > INT_MAX / 2 ? INT_MAX / 2 : (int)count;
    int code = allreduce(IN_PLACE, bytes, chunk, type, sum_op, comm_world);
    if (code != 0) return fail(error, length, "MPI_Allreduce failed", code);
    bytes += (size_t)chunk * element;
    count -= chunk;
  }
  return 0;
}

int cmpi_allreduce_sum_float(float *buffer, long count, char *error, size_t length) {
  return allreduce_sum(buffer, count, sizeof(float), float_type, error, length);
}

int cmpi_allreduce_sum_double(double *buffer, long count, char *error, size_t length) {
  return allreduce_sum(buffer, count, sizeof(double), double_type, error, length);
}

int cmpi_broadcast(void *buffer, long bytes, int root, char *error, size_t length) {
  if (!initialized) return fail(error, length, "not initialized", 0);
  char *data = buffer;
  while (bytes > 0) {
    int chunk = bytes > INT_MAX / 2 ? INT_MAX / 2 : (int)bytes;
    int code = bcast(data, chunk, byte_type, root, comm_world);
    if (code != 0) return fail(error, length, "MPI_Bcast failed", code);
    data += chunk;
    bytes -= chunk;
  }
  return 0;
}

int cmpi_barrier(char *error, size_t length) {
  if (!initialized) return fail(error, length, "not initialized", 0);
  int code = barrier(comm_world);
  return code == 0 ? 0 : fail(error, length, "MPI_Barrier failed", code);
}

void cmpi_abort(int code) {
  if (initialized) abort_job(comm_world, code);
  exit(code);
}

void cmpi_finalize(void) {
  if (initialized) {
    finalize();
    initialized = 0;
  }
}
