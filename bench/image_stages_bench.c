/*
 * Where the CPU time of one resize goes: a JPEG poster to a 320 px WebP
 * and JPEG, stage by stage, one thread, as media/image.c runs it
 * (libvips at concurrency 1, linear kernel, WebP effort 2, JPEG Q 82).
 * Beside each libvips stage, the same work by the library libvips
 * calls (libjpeg-turbo, libwebp) on its own, so the share of libvips's
 * pipeline can be read off. The last lines are the ceiling those costs
 * put on images per second on the machine's cores, before any server
 * work: the target is 200 on 2 cores.
 *
 *   image_stages_bench POSTER.jpg [WIDTH] [ROUNDS]
 */
#include <stdio.h> /* before jpeglib.h, which uses FILE and size_t */
#include <stdlib.h>

#include <jpeglib.h>
#include <time.h>
#include <unistd.h>
#include <vips/vips.h>
#include <webp/encode.h>

/* The process's CPU time, which counts libvips's worker thread too. */
static double process_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static unsigned char *libjpeg_decode(const void *bytes, size_t len, int *w, int *h)
{
	struct jpeg_decompress_struct d;
	struct jpeg_error_mgr err;
	d.err = jpeg_std_error(&err);
	jpeg_create_decompress(&d);
	jpeg_mem_src(&d, bytes, len);
	jpeg_read_header(&d, TRUE);
	d.out_color_space = JCS_RGB;
	jpeg_start_decompress(&d);
	*w = (int)d.output_width;
	*h = (int)d.output_height;
	unsigned char *px = g_malloc((size_t)*w * *h * 3);
	while (d.output_scanline < d.output_height) {
		JSAMPROW row = px + (size_t)d.output_scanline * *w * 3;
		jpeg_read_scanlines(&d, &row, 1);
	}
	jpeg_finish_decompress(&d);
	jpeg_destroy_decompress(&d);
	return px;
}

static size_t libwebp_encode(const unsigned char *rgb, int w, int h)
{
	WebPConfig config;
	WebPConfigInit(&config);
	config.quality = 80;
	config.method = 2; /* libvips's "effort" is libwebp's method */
	WebPPicture pic;
	WebPPictureInit(&pic);
	pic.width = w;
	pic.height = h;
	WebPMemoryWriter out;
	WebPMemoryWriterInit(&out);
	pic.writer = WebPMemoryWrite;
	pic.custom_ptr = &out;
	WebPPictureImportRGB(&pic, rgb, w * 3);
	WebPEncode(&config, &pic);
	size_t len = out.size;
	WebPPictureFree(&pic);
	WebPMemoryWriterClear(&out);
	return len;
}

static void fail(const char *what)
{
	fprintf(stderr, "image_stages_bench: %s: %s\n", what, vips_error_buffer());
	exit(1);
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 4) {
		fprintf(stderr, "usage: image_stages_bench POSTER.jpg [WIDTH] [ROUNDS]\n");
		return 2;
	}
	if (VIPS_INIT(argv[0]))
		fail("libvips");
	vips_concurrency_set(1);
	vips_cache_set_max(0);
	int width = argc > 2 ? atoi(argv[2]) : 320;
	int rounds = argc > 3 ? atoi(argv[3]) : 300;
	gchar *bytes;
	gsize len;
	if (!g_file_get_contents(argv[1], &bytes, &len, NULL)) {
		fprintf(stderr, "image_stages_bench: cannot read %s\n", argv[1]);
		return 1;
	}
	int w = 0, h = 0;
	g_free(libjpeg_decode(bytes, len, &w, &h));
	double scale = (double)width / w;

	/* Each stage alone, over the same input each round. */
	double t_jpeg = 0, t_vdecode = 0, t_reduce = 0, t_webp = 0, t_vwebp = 0, t_vjpeg = 0;
	double t_whole_webp = 0, t_whole_jpeg = 0;
	unsigned char *full = libjpeg_decode(bytes, len, &w, &h);
	VipsImage *full_img =
	        vips_image_new_from_memory(full, (size_t)w * h * 3, w, h, 3, VIPS_FORMAT_UCHAR);
	VipsImage *small_img = NULL;
	if (vips_resize(full_img, &small_img, scale, "kernel", VIPS_KERNEL_LINEAR, NULL))
		fail("resize");
	size_t small_len;
	unsigned char *small = vips_image_write_to_memory(small_img, &small_len);
	int sw = small_img->Xsize, sh = small_img->Ysize;
	g_object_unref(small_img);
	VipsImage *small_mem =
	        vips_image_new_from_memory(small, small_len, sw, sh, 3, VIPS_FORMAT_UCHAR);
	size_t webp_len = 0;

	for (int r = 0; r < rounds; r++) {
		double a = process_ms();
		g_free(libjpeg_decode(bytes, len, &w, &h));
		double b = process_ms();
		VipsImage *in = vips_image_new_from_buffer(bytes, len, "", "access",
		                                           VIPS_ACCESS_SEQUENTIAL, NULL);
		if (!in)
			fail("load");
		size_t n;
		g_free(vips_image_write_to_memory(in, &n));
		g_object_unref(in);
		double c = process_ms();
		VipsImage *out;
		if (vips_resize(full_img, &out, scale, "kernel", VIPS_KERNEL_LINEAR, NULL))
			fail("resize");
		g_free(vips_image_write_to_memory(out, &n));
		g_object_unref(out);
		double d = process_ms();
		webp_len = libwebp_encode(small, sw, sh);
		double e = process_ms();
		void *buf;
		if (vips_webpsave_buffer(small_mem, &buf, &n, "Q", 80, "effort", 2, "strip", TRUE,
		                         NULL))
			fail("webpsave");
		g_free(buf);
		double f = process_ms();
		if (vips_jpegsave_buffer(small_mem, &buf, &n, "Q", 82, "strip", TRUE, NULL))
			fail("jpegsave");
		g_free(buf);
		double g = process_ms();
		t_jpeg += b - a;
		t_vdecode += c - b;
		t_reduce += d - c;
		t_webp += e - d;
		t_vwebp += f - e;
		t_vjpeg += g - f;
	}
	/* The whole of media/image.c's plain path, as the server runs it. */
	for (int r = 0; r < rounds; r++)
		for (int webp = 0; webp < 2; webp++) {
			double a = process_ms();
			VipsImage *in = vips_image_new_from_buffer(bytes, len, "", "access",
			                                           VIPS_ACCESS_SEQUENTIAL, NULL);
			VipsImage *out;
			if (!in || vips_resize(in, &out, scale, "kernel", VIPS_KERNEL_LINEAR, NULL))
				fail("resize");
			g_object_unref(in);
			void *buf;
			size_t n;
			int rc = webp ? vips_webpsave_buffer(out, &buf, &n, "Q", 80, "effort", 2,
			                                     "strip", TRUE, NULL)
			              : vips_jpegsave_buffer(out, &buf, &n, "Q", 82, "strip", TRUE,
			                                     NULL);
			if (rc)
				fail("save");
			g_free(buf);
			g_object_unref(out);
			*(webp ? &t_whole_webp : &t_whole_jpeg) += process_ms() - a;
		}
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	printf("image_stages_bench: %dx%d JPEG (%zu bytes) to %dx%d, %d rounds, CPU ms per image\n",
	       w, h, (size_t)len, sw, sh, rounds);
	printf("  decode:  libjpeg-turbo alone %6.2f   libvips load to memory %6.2f\n",
	       t_jpeg / rounds, t_vdecode / rounds);
	printf("  reduce:  libvips linear, memory to memory               %6.2f\n",
	       t_reduce / rounds);
	printf("  encode:  libwebp alone (method 2) %6.2f (%zu bytes)   libvips webpsave %6.2f   "
	       "libvips jpegsave %6.2f\n",
	       t_webp / rounds, webp_len, t_vwebp / rounds, t_vjpeg / rounds);
	printf("  whole plain path: WebP %6.2f   JPEG %6.2f\n", t_whole_webp / rounds,
	       t_whole_jpeg / rounds);
	printf("  ceiling on %ld cores, no server work: WebP %.0f images/s, JPEG %.0f images/s\n",
	       cores, cores * 1e3 * rounds / t_whole_webp, cores * 1e3 * rounds / t_whole_jpeg);
	printf("  ceiling with the libraries alone (libjpeg + reduce + libwebp): WebP %.0f "
	       "images/s\n",
	       cores * 1e3 * rounds / (t_jpeg + t_reduce + t_webp));
	g_object_unref(small_mem);
	g_object_unref(full_img);
	g_free(small);
	g_free(full);
	g_free(bytes);
	return 0;
}
