/*
 * encoder.h - FFmpeg encoders that make HLS segments on demand, and the
 * on-disk cache they write.
 *
 * A request for a segment that is not cached starts an encoder (ffmpeg as
 * a subprocess, posix_spawn, no shell) at that segment, or waits for the
 * encoder of that rendition already running when the segment is a few
 * ahead of it. A seek further ahead, or back, restarts the encoder there;
 * segments already made stay. An encoder more than ENCODER_AHEAD segments
 * ahead of the last one asked for is paused (SIGSTOP) until the viewer
 * catches up, and one asked for nothing for idle_seconds is stopped.
 *
 * At most max_encoders run at once; a request that would need another gets
 * BG_BUSY (the server answers 503 with Retry-After). The cache is
 *
 *   CACHE/<media id>-<size>-<mtime>/keyframes      cut points of a copy
 *   CACHE/<media id>-<size>-<mtime>/<rendition>/init.mp4, seg<N>.m4s
 *
 * so a file replaced on disk gets new segments. FFmpeg writes each segment
 * as .tmp and renames it when complete, so a segment that exists is whole.
 * The cache is kept under cache_bytes by deleting the least recently
 * served segments (a served file's mtime is touched). Opening the pool
 * kills encoders a killed server left running (their pid files) and
 * deletes their unfinished files; closing it stops every encoder.
 */
#ifndef BINGE_MEDIA_ENCODER_H
#define BINGE_MEDIA_ENCODER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "media/delivery.h"
#include "media/ffmpeg_hls.h"
#include "media/hls.h"
#include "media/media_info.h"

#define ENCODER_AHEAD 8        /* segments an encoder may run ahead of the viewer */
#define ENCODER_SEEK_GAP 4     /* a request this far past the encoder restarts it */
#define ENCODER_RETRY_AFTER 5  /* seconds, when every encoder is busy */

struct encoder_config {
	const char *cache_dir;
	int max_encoders;    /* 0: half the cores, at least 1 */
	int64_t cache_bytes; /* 0: 10 GiB */
	int idle_seconds;    /* 0: 60 */
	int wait_seconds;    /* how long a request waits for its segment; 0: 30 */
};


struct encoder_pool;

/* Errors: BG_IO with msg (cannot make the cache directory). */
enum bg_err encoder_pool_open(const struct encoder_config *cfg, struct encoder_pool **out,
                              char *msg, size_t len);

/* Stops every encoder and deletes unfinished files. NULL is a no-op. */
void encoder_pool_close(struct encoder_pool *pool);

/*
 * The segment plan of job's rendition: fixed for an encoded one, the
 * source's keyframes (probed once, then cached) for a copied video.
 * Errors: BG_IO or BG_INVALID from the probe, with msg.
 */
enum bg_err encoder_pool_plan(struct encoder_pool *pool, const struct encode_job *job,
                              struct segment_plan *out, char *msg, size_t len);

/*
 * Makes sure segment n of plan (-1: the init segment) is in the cache,
 * and writes its path. Errors: BG_INVALID (n out of range), BG_BUSY (every
 * encoder busy: retry in ENCODER_RETRY_AFTER s), BG_IO (FFmpeg failed or
 * took longer than wait_seconds), each with msg.
 */
enum bg_err encoder_pool_segment(struct encoder_pool *pool, const struct encode_job *job,
                                 const struct segment_plan *plan, long n, char *path,
                                 size_t path_len, char *msg, size_t len);

/*
 * The same without waiting: starts or restarts the encoder segment n needs
 * and sets *ready when it is already in the cache. A server suspends the
 * request and asks again once the file at path exists.
 */
enum bg_err encoder_pool_request(struct encoder_pool *pool, const struct encode_job *job,
                                 const struct segment_plan *plan, long n, char *path,
                                 size_t path_len, bool *ready, char *msg, size_t len);

/* Encoders running now (for tests and metrics). */
int encoder_pool_running(struct encoder_pool *pool);

#endif
