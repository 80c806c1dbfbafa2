/*
 * image.c - artwork resized with libvips; see image.h.
 *
 * libvips is opened (dlopen), not linked, and only when the first image is
 * made or a format is chosen: it brings about 100 shared libraries (glib,
 * cairo, pango, HDF5, OpenEXR, X11, ...), whose loading made every binge
 * process start 44 ms later, and every server 60 ms, though most never
 * resize an image (a cached copy is served without it). Its headers still
 * give every function's type.
 */
#include "media/image.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <vips/vips.h>

#include "core/dynlib.h"
#include "core/file.h"
#include "media/jpeg_plain.h"
#include "media/webp_encode.h"
#include "core/banned.h"

/* The largest source image read (a 4K backdrop as PNG is about 25 MB). */
#define IMAGE_SOURCE_MAX ((size_t)64 * 1024 * 1024)

static const int widths[] = {160, 320, 480, 640, 960, 1280, 1920, 2560, 3840};
static bool avif_ok;

/* The libvips (and glib) functions binge calls, from the opened library. */
static struct {
	__typeof__(vips_version) *version;
	__typeof__(vips_init) *init;
	__typeof__(vips_cache_set_max) *cache_set_max;
	__typeof__(vips_concurrency_set) *concurrency_set;
	__typeof__(vips_image_new_from_memory_copy) *image_new_from_memory_copy;
	__typeof__(vips_image_new_from_memory) *image_new_from_memory;
	__typeof__(vips_image_write_to_memory) *image_write_to_memory;
	__typeof__(vips_region_new) *region_new;
	__typeof__(vips_region_prepare) *region_prepare;
	__typeof__(vips_thumbnail) *thumbnail;
	__typeof__(vips_thumbnail_buffer) *thumbnail_buffer;
	__typeof__(vips_image_new_from_buffer) *image_new_from_buffer;
	__typeof__(vips_foreign_find_load_buffer) *foreign_find_load_buffer;
	__typeof__(vips_resize) *resize;
	__typeof__(vips_image_get_orientation) *get_orientation;
	__typeof__(vips_image_hasalpha) *hasalpha;
	__typeof__(vips_image_get_typeof) *get_typeof;
	__typeof__(vips_image_get_interpretation) *get_interpretation;
	__typeof__(vips_jpegsave_buffer) *jpegsave_buffer;
	__typeof__(vips_webpsave_buffer) *webpsave_buffer;
	__typeof__(vips_heifsave_buffer) *heifsave_buffer;
	__typeof__(vips_error_buffer) *error_buffer;
	__typeof__(vips_error_clear) *error_clear;
	__typeof__(g_object_unref) *object_unref;
	__typeof__(g_free) *free;
} vips;

/* Opens BINGE_VIPS_SONAME (set by CMake) and finds each function; false names what failed. */
static bool vips_open(char *msg, size_t msg_len)
{
	const struct dynlib_fn fns[] = {
	        {"vips_version", (void **)&vips.version},
	        {"vips_init", (void **)&vips.init},
	        {"vips_cache_set_max", (void **)&vips.cache_set_max},
	        {"vips_concurrency_set", (void **)&vips.concurrency_set},
	        {"vips_image_new_from_memory_copy", (void **)&vips.image_new_from_memory_copy},
	        {"vips_image_new_from_memory", (void **)&vips.image_new_from_memory},
	        {"vips_image_write_to_memory", (void **)&vips.image_write_to_memory},
	        {"vips_region_new", (void **)&vips.region_new},
	        {"vips_region_prepare", (void **)&vips.region_prepare},
	        {"vips_thumbnail", (void **)&vips.thumbnail},
	        {"vips_thumbnail_buffer", (void **)&vips.thumbnail_buffer},
	        {"vips_image_new_from_buffer", (void **)&vips.image_new_from_buffer},
	        {"vips_foreign_find_load_buffer", (void **)&vips.foreign_find_load_buffer},
	        {"vips_resize", (void **)&vips.resize},
	        {"vips_image_get_orientation", (void **)&vips.get_orientation},
	        {"vips_image_hasalpha", (void **)&vips.hasalpha},
	        {"vips_image_get_typeof", (void **)&vips.get_typeof},
	        {"vips_image_get_interpretation", (void **)&vips.get_interpretation},
	        {"vips_jpegsave_buffer", (void **)&vips.jpegsave_buffer},
	        {"vips_webpsave_buffer", (void **)&vips.webpsave_buffer},
	        {"vips_heifsave_buffer", (void **)&vips.heifsave_buffer},
	        {"vips_error_buffer", (void **)&vips.error_buffer},
	        {"vips_error_clear", (void **)&vips.error_clear},
	        {"g_object_unref", (void **)&vips.object_unref},
	        {"g_free", (void **)&vips.free},
	};
	if (!dynlib_open(BINGE_VIPS_SONAME, fns, sizeof(fns) / sizeof(fns[0]), msg, msg_len))
		return false;
	/* VIPS_INIT's check: the library's ABI is the one these headers describe. */
	if (vips.version(3) - vips.version(5) != VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE) {
		snprintf(msg, msg_len, "libvips has ABI version %d, binge was built for %d",
		         vips.version(3) - vips.version(5),
		         VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE);
		return false;
	}
	return true;
}

/* Whether this libvips writes AVIF (libheif with an AV1 encoder): tried once. */
static bool can_write_avif(void)
{
	VipsImage *img = vips.image_new_from_memory_copy((const unsigned char[12]){0}, 12, 2, 2, 3,
	                                                 VIPS_FORMAT_UCHAR);
	void *buf = NULL;
	size_t len = 0;
	bool ok = img && vips.heifsave_buffer(img, &buf, &len, "compression",
	                                      VIPS_FOREIGN_HEIF_COMPRESSION_AV1, NULL) == 0;
	vips.free(buf);
	if (img)
		vips.object_unref(img);
	vips.error_clear();
	return ok;
}

static pthread_once_t start_once = PTHREAD_ONCE_INIT;
static char start_error[512]; /* why libvips could not start; empty once started */

static void start_vips(void)
{
	if (!vips_open(start_error, sizeof(start_error)))
		return;
	if (vips.init("binge")) {
		snprintf(start_error, sizeof(start_error), "cannot start libvips: %s",
		         vips.error_buffer());
		return;
	}
	vips.cache_set_max(0);   /* each image is made once, then served from disk */
	vips.concurrency_set(1); /* the server's threads are the parallelism */
	avif_ok = can_write_avif();
}

/* Opens and starts libvips on first use, once per process; false: start_error says why. */
static bool vips_started(void)
{
	pthread_once(&start_once, start_vips);
	return !start_error[0];
}

/* AVIF is written only by a libvips that started and has an AV1 encoder. */
static bool avif_writable(void)
{
	return vips_started() && avif_ok;
}

bool image_format_parse(const char *s, enum image_format *out)
{
	if (!s)
		return false;
	if (strcmp(s, "jpeg") == 0 || strcmp(s, "jpg") == 0)
		*out = IMAGE_JPEG;
	else if (strcmp(s, "webp") == 0)
		*out = IMAGE_WEBP;
	else if (strcmp(s, "avif") == 0 && avif_writable())
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
	if (accept && strstr(accept, "image/avif") && avif_writable())
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

/*
 * Whether img is plain: 8-bit sRGB or grey, opaque, upright, without an
 * ICC profile. A poster or still from a scraper or FFmpeg always is; a
 * logo with alpha, a CMYK or 16-bit file or a rotated photo is not.
 */
static bool plain(VipsImage *img)
{
	VipsInterpretation i = vips.get_interpretation(img);
	return img->BandFmt == VIPS_FORMAT_UCHAR &&
	       (i == VIPS_INTERPRETATION_sRGB || i == VIPS_INTERPRETATION_B_W) &&
	       !vips.hasalpha(img) && vips.get_orientation(img) <= 1 &&
	       !vips.get_typeof(img, VIPS_META_ICC_NAME);
}

/* in (taken) reduced to width with libvips's linear kernel, or as it is when narrow enough. */
static bool narrowed(VipsImage *in, int width, VipsImage **out)
{
	if (in->Xsize <= width) {
		*out = in;
		return true;
	}
	int rc =
	        vips.resize(in, out, (double)width / in->Xsize, "kernel", VIPS_KERNEL_LINEAR, NULL);
	vips.object_unref(in);
	return rc == 0;
}

/*
 * The image in bytes at width (by width only, any height, never enlarged)
 * into *out, which refers to bytes until it is freed; false with
 * libvips's error set. The file is read once into memory: from a path,
 * libvips opened it again for each loader it asked whether the file was
 * its kind (28 opens per image). A plain image (above) is shrunk while
 * decoding where its format allows (JPEG, by 2, 4 or 8), then reduced
 * with a linear kernel: 6 ms of CPU for a 600x900 poster to 320 px, where
 * vips_thumbnail's Lanczos (libvips 8.14 offers no other) took 9 ms
 * (docs/catalogue.md). Anything else goes through vips_thumbnail, which
 * manages colour, alpha and orientation.
 */
static bool resized(void *bytes, size_t len, int width, VipsImage **out)
{
	const char *loader = vips.foreign_find_load_buffer(bytes, len);
	if (!loader)
		return false;
	bool jpeg = strstr(loader, "Jpeg") != NULL;
	VipsImage *in =
	        vips.image_new_from_buffer(bytes, len, "", "access", VIPS_ACCESS_SEQUENTIAL, NULL);
	if (!in)
		return false;
	if (!plain(in)) {
		vips.object_unref(in);
		return vips.thumbnail_buffer(bytes, len, out, width, "height", VIPS_MAX_COORD,
		                             "size", VIPS_SIZE_DOWN, NULL) == 0;
	}
	double factor = (double)in->Xsize / width;
	int shrink = 1;
	while (jpeg && shrink < 8 && shrink * 2 <= factor)
		shrink *= 2;
	if (shrink > 1) {
		vips.object_unref(in);
		in = vips.image_new_from_buffer(bytes, len, "", "access", VIPS_ACCESS_SEQUENTIAL,
		                                "shrink", shrink, NULL);
		if (!in)
			return false;
	}
	return narrowed(in, width, out);
}

/* An encoded image: from libwebp (malloc) or from a libvips saver (g_malloc). */
struct encoded {
	unsigned char *bytes;
	size_t len;
	bool from_vips;
};

static void encoded_free(struct encoded *e)
{
	if (e->from_vips)
		vips.free(e->bytes);
	else
		free(e->bytes);
}

/* Whether libwebp can take img's pixels as they are: 8-bit sRGB or grey, opaque. */
static bool webp_ready(VipsImage *img)
{
	VipsInterpretation i = vips.get_interpretation(img);
	return img->BandFmt == VIPS_FORMAT_UCHAR &&
	       ((img->Bands == 3 && i == VIPS_INTERPRETATION_sRGB) ||
	        (img->Bands == 1 && i == VIPS_INTERPRETATION_B_W));
}

/*
 * The pixels of an 8-bit image whose source is in memory, computed in this
 * thread 16 rows at a time, into a malloc'd buffer of Xsize * Bands *
 * Ysize bytes; NULL with msg. vips_image_write_to_memory hands each strip
 * to a worker thread and back: 0.7-0.8 ms more per 320x480 poster here.
 * Only for a source in memory: a file loader's pipeline is left to
 * libvips's own scheduling.
 */
static unsigned char *pixels_here(VipsImage *img, char *msg, size_t msg_len)
{
	size_t line = (size_t)img->Xsize * img->Bands;
	unsigned char *px = malloc(line * img->Ysize);
	VipsRegion *region = px ? vips.region_new(img) : NULL;
	if (!region) {
		snprintf(msg, msg_len, "out of memory for a %dx%d image", img->Xsize, img->Ysize);
		free(px);
		return NULL;
	}
	for (int top = 0; top < img->Ysize; top += 16) {
		VipsRect rows = {0, top, img->Xsize, img->Ysize - top < 16 ? img->Ysize - top : 16};
		if (vips.region_prepare(region, &rows)) {
			snprintf(msg, msg_len, "%s", vips.error_buffer());
			vips.error_clear();
			vips.object_unref(region);
			free(px);
			return NULL;
		}
		for (int y = 0; y < rows.height; y++)
			memcpy(px + line * (size_t)(top + y),
			       region->data + (size_t)(top + y - region->valid.top) * region->bpl,
			       line);
	}
	vips.object_unref(region);
	return px;
}

/*
 * img as f into *e; false with msg. Speed over the last per cent of size:
 * WebP at effort 2 of 6, JPEG without optimised Huffman tables (each about
 * a third faster). Opaque WebP goes through libwebp from the pixels, which
 * saves libvips's pipeline 1 ms per poster (webp_encode.h); WebP with
 * alpha through libvips, which keeps it. in_memory: img's source is
 * pixels in memory (pixels_here).
 */
static bool encode(VipsImage *img, bool in_memory, enum image_format f, struct encoded *e,
                   char *msg, size_t msg_len)
{
	int rc;
	void *buf = NULL;
	size_t len = 0;
	if (f == IMAGE_WEBP && webp_ready(img)) {
		unsigned char *px = in_memory ? pixels_here(img, msg, msg_len)
		                              : vips.image_write_to_memory(img, &len);
		if (!px && !in_memory) {
			snprintf(msg, msg_len, "%s", vips.error_buffer());
			vips.error_clear();
		}
		bool ok = px && webp_encode(px, img->Xsize, img->Ysize, img->Bands, 80, &e->bytes,
		                            &e->len, msg, msg_len);
		if (in_memory)
			free(px);
		else
			vips.free(px);
		return ok;
	}
	if (f == IMAGE_WEBP)
		rc = vips.webpsave_buffer(img, &buf, &len, "Q", 80, "effort", 2, "strip", TRUE,
		                          NULL);
	else if (f == IMAGE_AVIF)
		rc = vips.heifsave_buffer(img, &buf, &len, "compression",
		                          VIPS_FOREIGN_HEIF_COMPRESSION_AV1, "Q", 50, NULL);
	else
		rc = vips.jpegsave_buffer(img, &buf, &len, "Q", 82, "strip", TRUE, NULL);
	if (rc) {
		snprintf(msg, msg_len, "%s", vips.error_buffer());
		vips.error_clear();
		return false;
	}
	*e = (struct encoded){.bytes = buf, .len = len, .from_vips = true};
	return true;
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
	if (!vips_started()) {
		snprintf(msg, msg_len, "%s", start_error);
		return BG_IO;
	}
	char *bytes = NULL;
	size_t bytes_len = 0;
	enum bg_err read = file_read_all(source, IMAGE_SOURCE_MAX, &bytes, &bytes_len);
	if (read) {
		snprintf(msg, msg_len, "cannot read the image %s: %s", source,
		         read == BG_TOO_LARGE ? "larger than 64 MB" : strerror(errno));
		return BG_IO;
	}
	/* A plain JPEG is decoded by libjpeg-turbo straight to memory; anything
	 * else by libvips (jpeg_plain.h says why). */
	struct jpeg_pixels px = {0};
	enum jpeg_plain_result decoded =
	        jpeg_plain_decode(bytes, bytes_len, width, &px, msg, msg_len);
	if (decoded == JPEG_PLAIN_BROKEN) {
		char why[256];
		snprintf(why, sizeof(why), "%s", msg);
		snprintf(msg, msg_len, "cannot read the image %s: %s", source, why);
		free(bytes);
		return BG_IO;
	}
	VipsImage *out = NULL;
	bool ok = false;
	if (decoded == JPEG_PLAIN_OK) {
		VipsImage *in = vips.image_new_from_memory(
		        px.px, (size_t)px.width * px.height * px.bands, px.width, px.height,
		        px.bands, VIPS_FORMAT_UCHAR);
		ok = in && narrowed(in, width, &out);
	} else {
		ok = resized(bytes, bytes_len, width, &out);
	}
	struct encoded e = {0};
	if (!ok) {
		snprintf(msg, msg_len, "cannot read the image %s: %s", source, vips.error_buffer());
		vips.error_clear();
	} else if (!encode(out, decoded == JPEG_PLAIN_OK, f, &e, msg, msg_len)) {
		char why[256];
		snprintf(why, sizeof(why), "%s", msg);
		snprintf(msg, msg_len, "cannot encode %s: %s", source, why);
		ok = false;
	}
	if (out)
		vips.object_unref(out);
	free(px.px); /* after the last image made from them */
	free(bytes);
	if (!ok)
		return BG_IO;
	enum bg_err result = BG_OK;
	if (file_write_cache(path, e.bytes, e.len)) {
		snprintf(msg, msg_len, "cannot write %s: %s", path, strerror(errno));
		result = BG_IO;
	}
	encoded_free(&e);
	return result;
}
