/* image.c - artwork resized with libvips; see image.h. */
#include "media/image.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <vips/vips.h>

#include "core/file.h"
#include "core/banned.h"

static const int widths[] = {160, 320, 480, 640, 960, 1280, 1920, 2560, 3840};
static bool avif_ok;

/* Whether this libvips writes AVIF (libheif with an AV1 encoder): tried once. */
static bool can_write_avif(void)
{
	VipsImage *img = vips_image_new_from_memory_copy((const unsigned char[12]){0}, 12, 2, 2, 3,
	                                                 VIPS_FORMAT_UCHAR);
	void *buf = NULL;
	size_t len = 0;
	bool ok = img && vips_heifsave_buffer(img, &buf, &len, "compression",
	                                      VIPS_FOREIGN_HEIF_COMPRESSION_AV1, NULL) == 0;
	g_free(buf);
	if (img)
		g_object_unref(img);
	vips_error_clear();
	return ok;
}

enum bg_err image_init(const char *argv0)
{
	if (VIPS_INIT(argv0 ? argv0 : "binge"))
		return BG_IO;
	vips_cache_set_max(0);   /* each image is made once, then served from disk */
	vips_concurrency_set(1); /* the server's threads are the parallelism */
	avif_ok = can_write_avif();
	return BG_OK;
}

bool image_format_parse(const char *s, enum image_format *out)
{
	if (!s)
		return false;
	if (strcmp(s, "jpeg") == 0 || strcmp(s, "jpg") == 0)
		*out = IMAGE_JPEG;
	else if (strcmp(s, "webp") == 0)
		*out = IMAGE_WEBP;
	else if (strcmp(s, "avif") == 0 && avif_ok)
		*out = IMAGE_AVIF;
	else
		return false;
	return true;
}

enum image_format image_format_accepted(const char *accept)
{
	/* WebP first: as small as AVIF within a few per cent at these sizes,
	 * and encoded tens of times faster (AVIF when a URL asks for it). */
	if (accept && strstr(accept, "image/webp"))
		return IMAGE_WEBP;
	if (accept && strstr(accept, "image/avif") && avif_ok)
		return IMAGE_AVIF;
	return IMAGE_JPEG;
}

const char *image_format_type(enum image_format f)
{
	return f == IMAGE_WEBP ? "image/webp" : f == IMAGE_AVIF ? "image/avif" : "image/jpeg";
}

int image_width_step(int wanted)
{
	for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++)
		if (wanted <= widths[i])
			return widths[i];
	return widths[sizeof(widths) / sizeof(widths[0]) - 1];
}

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

enum bg_err image_resized(const char *cache_dir, const char *source, int64_t size, int64_t mtime,
                          int width, enum image_format f, char *path, size_t path_len, char *msg,
                          size_t msg_len)
{
	static const char *const ext[] = {"jpg", "webp", "avif"};
	int n = snprintf(path, path_len, "%s/%016llx-%lld-%lld-%d.%s", cache_dir,
	                 (unsigned long long)fnv1a(source), (long long)size, (long long)mtime,
	                 width, ext[f]);
	if (n < 0 || (size_t)n >= path_len) {
		snprintf(msg, msg_len, "the image cache's path is too long");
		return BG_IO;
	}
	struct stat sb;
	if (stat(path, &sb) == 0 && sb.st_size > 0)
		return BG_OK;
	if (file_mkdir_p(cache_dir, 0700)) {
		snprintf(msg, msg_len, "cannot make %s: %s", cache_dir, strerror(errno));
		return BG_IO;
	}
	VipsImage *out = NULL;
	/* By width only (any height), never enlarged. */
	if (vips_thumbnail(source, &out, width, "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN,
	                   NULL)) {
		snprintf(msg, msg_len, "cannot read the image %s: %s", source, vips_error_buffer());
		vips_error_clear();
		return BG_IO;
	}
	void *buf = NULL;
	size_t len = 0;
	/* Speed over the last per cent of size: WebP at effort 2 of 6, JPEG
	 * without optimised Huffman tables (each about a third faster). */
	int rc = f == IMAGE_WEBP ? vips_webpsave_buffer(out, &buf, &len, "Q", 80, "effort", 2,
	                                                "strip", TRUE, NULL)
	         : f == IMAGE_AVIF
	                 ? vips_heifsave_buffer(out, &buf, &len, "compression",
	                                        VIPS_FOREIGN_HEIF_COMPRESSION_AV1, "Q", 50, NULL)
	                 : vips_jpegsave_buffer(out, &buf, &len, "Q", 82, "strip", TRUE, NULL);
	g_object_unref(out);
	enum bg_err result = BG_OK;
	if (rc) {
		snprintf(msg, msg_len, "cannot encode %s: %s", source, vips_error_buffer());
		vips_error_clear();
		result = BG_IO;
	} else if (file_write_cache(path, buf, len)) {
		snprintf(msg, msg_len, "cannot write %s: %s", path, strerror(errno));
		result = BG_IO;
	}
	g_free(buf);
	return result;
}
