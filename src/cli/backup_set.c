/* backup_set.c - a backup's folder and manifest; see backup_set.h. */
#include "cli/backup_set.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "account/password.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/file.h"
#include "store/store.h"
#include "core/banned.h"

#define MANIFEST        "MANIFEST"
#define BACKUP_FORMAT   "binge-backup 1"
#define FILE_MAX_BYTES  ((size_t)1 << 30) /* a model or key read whole; the database is copied */

static bool exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

/* Copies src to dst through dst.tmp, renamed into place. */
static enum bg_err copy_file(const char *src, const char *dst, char *msg, size_t len)
{
	FILE *in = fopen(src, "rb");
	struct buf tmp = BUF_INIT(8192);
	buf_addf(&tmp, "%s.tmp", dst);
	FILE *out = in ? fopen(tmp.ptr, "wb") : NULL;
	char block[65536];
	size_t n;
	bool ok = in && out;
	while (ok && (n = fread(block, 1, sizeof(block), in)) > 0)
		ok = fwrite(block, 1, n, out) == n;
	ok = ok && !ferror(in) && fflush(out) == 0 && fsync(fileno(out)) == 0;
	if (in)
		fclose(in);
	if (out && fclose(out) != 0)
		ok = false;
	if (ok && rename(tmp.ptr, dst) != 0)
		ok = false;
	if (!ok) {
		snprintf(msg, len, "cannot copy '%s' to '%s': %s", src, dst, strerror(errno));
		unlink(tmp.ptr);
	}
	buf_release(&tmp);
	return ok ? BG_OK : BG_IO;
}

/* Appends "<digest>  <rel>" for dir/rel to manifest, counting it in out. */
static enum bg_err add_entry(const char *dir, const char *rel, struct buf *manifest,
                             struct backup_summary *out, char *msg, size_t len)
{
	char digest[65];
	struct buf path = BUF_INIT(8192);
	buf_addf(&path, "%s/%s", dir, rel);
	struct stat sb;
	enum bg_err rc = stat(path.ptr, &sb) == 0 ? file_digest(path.ptr, digest) : BG_IO;
	if (rc)
		snprintf(msg, len, "cannot read '%s'", path.ptr);
	else {
		buf_addf(manifest, "%s  %s\n", digest, rel);
		out->files++;
		out->bytes += (long long)sb.st_size;
	}
	buf_release(&path);
	return rc;
}

enum bg_err backup_write(struct store *st, const char *key_path, const char *models_dir,
                         const char *dest, struct backup_summary *out, char *msg, size_t len)
{
	*out = (struct backup_summary){.schema = store_schema_version(st)};
	date_time_format(date_time_now(), out->created);
	if (exists(dest)) {
		snprintf(msg, len, "'%s' exists: a backup goes into a new folder", dest);
		return BG_CONFLICT;
	}
	if (strcmp(store_engine(st), "sqlite") != 0) {
		snprintf(msg, len, "a %s database is backed up with pg_dump (docs/deploy.md)",
		         store_engine(st));
		return BG_INVALID;
	}
	struct buf path = BUF_INIT(8192), manifest = BUF_INIT(BUF_MAX_SMALL);
	enum bg_err rc = BG_OK;
	if (mkdir(dest, 0700) != 0 || (buf_addf(&path, "%s/models", dest), mkdir(path.ptr, 0700)) != 0) {
		snprintf(msg, len, "cannot make '%s': %s", dest, strerror(errno));
		rc = BG_IO;
		goto out;
	}
	buf_addf(&manifest, "%s\nschema %d\ncreated %s\n", BACKUP_FORMAT, out->schema, out->created);
	buf_reset(&path);
	buf_addf(&path, "%s/binge.db", dest);
	rc = store_backup(st, path.ptr);
	if (rc)
		snprintf(msg, len, "%s", store_errmsg(st));
	if (!rc)
		rc = add_entry(dest, "binge.db", &manifest, out, msg, len);
	if (!rc && exists(key_path)) {
		buf_reset(&path);
		buf_addf(&path, "%s/url.key", dest);
		rc = copy_file(key_path, path.ptr, msg, len);
		if (!rc)
			rc = add_entry(dest, "url.key", &manifest, out, msg, len);
	}
	DIR *d = rc ? NULL : opendir(models_dir);
	for (struct dirent *e; d && !rc && (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		struct buf from = BUF_INIT(8192), rel = BUF_INIT(8192);
		buf_addf(&from, "%s/%s", models_dir, e->d_name);
		buf_addf(&rel, "models/%s", e->d_name);
		struct stat sb;
		if (stat(from.ptr, &sb) == 0 && S_ISREG(sb.st_mode)) {
			buf_reset(&path);
			buf_addf(&path, "%s/%s", dest, rel.ptr);
			rc = copy_file(from.ptr, path.ptr, msg, len);
			if (!rc)
				rc = add_entry(dest, rel.ptr, &manifest, out, msg, len);
		}
		buf_release(&from);
		buf_release(&rel);
	}
	if (d)
		closedir(d);
	if (!rc) {
		buf_reset(&path);
		buf_addf(&path, "%s/%s", dest, MANIFEST);
		rc = file_write_atomic(path.ptr, manifest.ptr, manifest.len);
		if (rc)
			snprintf(msg, len, "cannot write '%s'", path.ptr);
	}
out:
	buf_release(&path);
	buf_release(&manifest);
	return rc;
}

/* Each "<digest>  <rel>" line of the manifest text, from its fourth line. */
struct entry {
	char digest[65];
	char rel[4096];
};

static bool next_entry(const char **p, struct entry *e)
{
	const char *line = *p;
	if (!*line)
		return false;
	const char *end = strchr(line, '\n');
	size_t n = end ? (size_t)(end - line) : strlen(line);
	*p = end ? end + 1 : line + n;
	if (n < 67 || n - 66 >= sizeof(e->rel) || line[64] != ' ' || line[65] != ' ')
		return e->rel[0] = '\0', true; /* malformed: the caller says so */
	memcpy(e->digest, line, 64);
	e->digest[64] = '\0';
	memcpy(e->rel, line + 66, n - 66);
	e->rel[n - 66] = '\0';
	return true;
}

/* A manifest's relative path stays inside the backup: no "..", no "/" start. */
static bool safe_rel(const char *rel)
{
	return rel[0] && rel[0] != '/' && !strstr(rel, "..");
}

enum bg_err backup_verify(const char *src, int latest, struct backup_summary *out, char *msg,
                          size_t len)
{
	*out = (struct backup_summary){0};
	struct buf path = BUF_INIT(8192);
	buf_addf(&path, "%s/%s", src, MANIFEST);
	char *text = NULL;
	size_t text_len = 0;
	enum bg_err rc = file_read_all(path.ptr, BUF_MAX_SMALL, &text, &text_len);
	int consumed = 0;
	if (rc) {
		snprintf(msg, len, "'%s' is not a backup: no readable %s", src, MANIFEST);
		rc = BG_INVALID;
	} else if (sscanf(text, BACKUP_FORMAT "\nschema %d\ncreated %31s\n%n", &out->schema,
	                  out->created, &consumed) != 2 || !consumed) {
		snprintf(msg, len, "%s: not a binge backup's manifest", path.ptr);
		rc = BG_INVALID;
	} else if (out->schema > latest) {
		snprintf(msg, len,
		         "the backup was made by a newer binge (schema %d; this one knows %d): "
		         "restore it with that version",
		         out->schema, latest);
		rc = BG_INVALID;
	}
	bool db = false;
	const char *p = rc ? "" : text + consumed;
	struct entry e;
	while (!rc && next_entry(&p, &e)) {
		char digest[65];
		if (!safe_rel(e.rel)) {
			snprintf(msg, len, "%s: a malformed line", path.ptr);
			rc = BG_INVALID;
			break;
		}
		buf_reset(&path);
		buf_addf(&path, "%s/%s", src, e.rel);
		struct stat sb;
		if (stat(path.ptr, &sb) != 0 || file_digest(path.ptr, digest) != BG_OK) {
			snprintf(msg, len, "'%s' is missing from the backup", e.rel);
			rc = BG_INVALID;
		} else if (strcmp(digest, e.digest) != 0) {
			snprintf(msg, len, "'%s' does not match its checksum: the backup is damaged",
			         e.rel);
			rc = BG_INVALID;
		} else {
			out->files++;
			out->bytes += (long long)sb.st_size;
			db |= strcmp(e.rel, "binge.db") == 0;
		}
	}
	if (!rc && !db) {
		snprintf(msg, len, "the backup holds no binge.db");
		rc = BG_INVALID;
	}
	free(text);
	buf_release(&path);
	return rc;
}

enum bg_err backup_restore(const char *src, const char *db_path, const char *key_path,
                           const char *models_dir, int force, char *msg, size_t len)
{
	struct buf path = BUF_INIT(8192), to = BUF_INIT(8192);
	buf_addf(&path, "%s/%s", src, MANIFEST);
	char *text = NULL;
	size_t text_len = 0;
	enum bg_err rc = file_read_all(path.ptr, BUF_MAX_SMALL, &text, &text_len);
	const char *p = text ? text : "";
	for (int skip = 0; skip < 3 && *p; skip++) /* format, schema, created */
		p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p);
	/* Nothing is overwritten without force: checked for every file first. */
	for (int pass = 0; pass < 2 && !rc; pass++) {
		const char *q = p;
		struct entry e;
		while (!rc && next_entry(&q, &e)) {
			buf_reset(&to);
			if (strcmp(e.rel, "binge.db") == 0)
				buf_adds(&to, db_path);
			else if (strcmp(e.rel, "url.key") == 0)
				buf_adds(&to, key_path);
			else
				buf_addf(&to, "%s/%s", models_dir, e.rel + strlen("models/"));
			if (pass == 0 && !force && exists(to.ptr)) {
				snprintf(msg, len, "'%s' exists: restore with --force to replace it", to.ptr);
				rc = BG_CONFLICT;
			} else if (pass == 1) {
				buf_reset(&path);
				buf_addf(&path, "%s/%s", src, e.rel);
				if (strncmp(e.rel, "models/", 7) == 0 && file_mkdir_p(models_dir, 0700)) {
					snprintf(msg, len, "cannot make '%s'", models_dir);
					rc = BG_IO;
				}
				/* A replaced database's old write-ahead log must not be replayed into it. */
				if (!rc && strcmp(e.rel, "binge.db") == 0) {
					struct buf side = BUF_INIT(8192);
					buf_addf(&side, "%s-wal", to.ptr);
					unlink(side.ptr);
					buf_reset(&side);
					buf_addf(&side, "%s-shm", to.ptr);
					unlink(side.ptr);
					buf_release(&side);
				}
				if (!rc)
					rc = copy_file(path.ptr, to.ptr, msg, len);
			}
		}
	}
	free(text);
	buf_release(&path);
	buf_release(&to);
	return rc;
}
