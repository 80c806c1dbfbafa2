/* file.c - bounded whole-file reads; see file.h. */
/* nftw() is X/Open. */
#define _XOPEN_SOURCE 700
#include "core/file.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <ftw.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/banned.h"

enum bg_err file_read_all(const char *path, size_t max, char **data_out, size_t *len_out)
{
	*data_out = NULL;
	*len_out = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return BG_IO;
	struct stat sb;
	if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		fclose(f);
		errno = EISDIR;
		return BG_IO;
	}
	/* Read max + 1 bytes at most, so an over-long file is seen, not cut. */
	struct buf b = BUF_INIT(max);
	char chunk[65536];
	size_t n;
	enum bg_err rc = BG_OK;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		buf_add(&b, chunk, n);
		if (buf_error(&b)) {
			rc = BG_TOO_LARGE;
			break;
		}
	}
	if (!rc && ferror(f)) {
		rc = BG_IO;
		errno = EIO;
	}
	fclose(f);
	if (rc) {
		buf_release(&b);
		return rc;
	}
	*data_out = buf_detach(&b, len_out);
	return BG_OK;
}

/* Temporary names unique among a process's threads too (two requests may
 * make the same cached file at once). */
static atomic_long write_serial;

static enum bg_err write_replace(const char *path, const void *data, size_t len, bool sync)
{
	struct buf tmp = BUF_INIT(8192);
	buf_addf(&tmp, "%s.tmp-%ld-%ld", path, (long)getpid(),
	         atomic_fetch_add(&write_serial, 1));
	if (buf_error(&tmp)) {
		buf_release(&tmp);
		errno = ENAMETOOLONG;
		return BG_IO;
	}
	int fd = open(tmp.ptr, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		goto err;
	const char *p = data;
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			goto err_close;
		p += w;
		len -= (size_t)w;
	}
	if (sync && fsync(fd) != 0)
		goto err_close;
	if (close(fd) != 0) {
		fd = -1;
		goto err_close;
	}
	if (rename(tmp.ptr, path) != 0)
		goto err_unlink;
	buf_release(&tmp);
	return BG_OK;
err_close:
	if (fd >= 0) {
		int saved = errno;
		close(fd);
		errno = saved;
	}
err_unlink : {
	int saved = errno;
	unlink(tmp.ptr);
	errno = saved;
}
err:
	buf_release(&tmp);
	return BG_IO;
}

enum bg_err file_write_atomic(const char *path, const void *data, size_t len)
{
	return write_replace(path, data, len, true);
}

enum bg_err file_write_cache(const char *path, const void *data, size_t len)
{
	return write_replace(path, data, len, false);
}

enum bg_err file_mkdir_p(const char *path, unsigned mode)
{
	char tmp[PATH_MAX];
	int n = snprintf(tmp, sizeof(tmp), "%s", path);
	if (n <= 0 || (size_t)n >= sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return BG_IO;
	}
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, (mode_t)mode) != 0 && errno != EEXIST)
			return BG_IO;
		*p = '/';
	}
	return mkdir(tmp, (mode_t)mode) != 0 && errno != EEXIST ? BG_IO : BG_OK;
}

static int remove_one(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb;
	(void)type;
	(void)ftw;
	return remove(path) != 0 && errno != ENOENT ? -1 : 0;
}

enum bg_err file_remove_tree(const char *path)
{
	struct stat sb;
	if (lstat(path, &sb) != 0)
		return errno == ENOENT ? BG_OK : BG_IO;
	return nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS) == 0 ? BG_OK : BG_IO;
}
