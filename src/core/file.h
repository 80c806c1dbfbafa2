/*
 * file.h - reading whole files with a size limit, and writing them
 * atomically.
 */
#ifndef BINGE_CORE_FILE_H
#define BINGE_CORE_FILE_H

#include <stddef.h>

#include "core/err.h"

/*
 * Reads the file at path into a new NUL-terminated buffer the caller frees
 * (the NUL is not counted in *len_out). Errors: BG_IO with errno set,
 * BG_TOO_LARGE if the file holds more than max bytes (nothing is kept).
 */
enum bg_err file_read_all(const char *path, size_t max, char **data_out, size_t *len_out);

/*
 * Writes len bytes of data to path atomically: a temporary file beside
 * it, fsync, rename. Readers see the old file or the new one, never a
 * part. BG_IO with errno set; the temporary file is removed on failure.
 */
enum bg_err file_write_atomic(const char *path, const void *data, size_t len);

/*
 * The same without the fsync, for caches: a reader still never sees part
 * of a file, but a crash may lose what was written (made again on demand).
 */
enum bg_err file_write_cache(const char *path, const void *data, size_t len);

/* Makes path and its missing parents with mode (before the umask). BG_IO with errno set. */
enum bg_err file_mkdir_p(const char *path, unsigned mode);

/* Removes path and everything under it, not following links; a missing
 * path is no error. BG_IO with errno set. */
enum bg_err file_remove_tree(const char *path);

#endif
