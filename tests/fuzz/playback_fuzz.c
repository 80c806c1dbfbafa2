/*
 * playback_fuzz.c - libFuzzer target for what a request or FFmpeg hands the
 * playback code: the device report (query parameters), rendition names
 * from playlist URLs, and ffprobe's keyframe lines. Any bytes are refused
 * with a message or accepted, never crash, and:
 *   - an accepted rendition name prints back as itself, also one burning
 *     in subtitles;
 *   - every decision names a method, and an HLS one has renditions that
 *     the file accepts by name;
 *   - an accepted keyframe list rises, and its plan starts at 0.
 *
 *   - line 1 read as a packaging ladder: accepted, every rendition of the
 *     package is a name the file accepts, none taller than the source.
 *
 * Input: line 1 a rendition name (and a ladder); then "name=value" lines of a device
 * report; after a line "--", ffprobe output.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"

#include "media/delivery.h"
#include "media/device.h"
#include "media/hls.h"
#include "media/package_worker.h"
#include "media/probe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	CHECK(text);
	memcpy(text, data, size);
	text[size] = '\0';
	char *probe_out = strstr(text, "\n--\n");
	if (probe_out) {
		*probe_out = '\0';
		probe_out += 4;
	}
	struct media_info m = {.duration_ms = 60000, .width = 3840, .height = 2160,
	                       .bit_depth = 10, .audio_channels = 6};
	snprintf(m.video_codec, sizeof(m.video_codec), "hevc");
	snprintf(m.hdr, sizeof(m.hdr), "hdr10");
	snprintf(m.audio_codec, sizeof(m.audio_codec), "ac3");

	char msg[256], name[RENDITION_NAME_MAX];
	char *line = text, *next = strchr(line, '\n');
	if (next)
		*next++ = '\0';
	struct rendition r;
	if (rendition_parse(line, &m, &r, msg, sizeof(msg)) == BG_OK) {
		rendition_name(&r, name);
		CHECK(strcmp(name, line) == 0);
	} else {
		CHECK(msg[0]);
	}
	/* The streams a name's suffixes carry, selected as a request would:
	 * an accepted name still prints back as itself. */
	int audio, burn;
	if (rendition_streams(line, &audio, &burn) && burn >= 0 && audio == 0) {
		struct media_info burned = m;
		burned.burn_in = true;
		burned.burn_index = burn;
		if (rendition_parse(line, &burned, &r, msg, sizeof(msg)) == BG_OK) {
			CHECK(r.burn_in && !r.copy_video);
			rendition_name(&r, name);
			CHECK(strcmp(name, line) == 0);
		}
	}
	int heights[8], n_heights, n_package;
	struct rendition package[PACKAGE_MAX_RENDITIONS];
	msg[0] = '\0';
	if (package_parse_ladder(line, heights, 8, &n_heights, msg, sizeof(msg)) == BG_OK) {
		if (delivery_package_ladder(&m, heights, n_heights, package, PACKAGE_MAX_RENDITIONS,
		                            &n_package, msg, sizeof(msg)) == BG_OK) {
			CHECK(n_package >= 1);
			for (int i = 0; i < n_package; i++) {
				CHECK(package[i].height <= m.height);
				rendition_name(&package[i], name);
				CHECK(rendition_parse(name, &m, &r, msg, sizeof(msg)) == BG_OK);
			}
		} else {
			CHECK(msg[0]);
		}
	} else {
		CHECK(msg[0]);
	}

	struct device_caps caps;
	device_caps_baseline(&caps);
	for (line = next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *eq = strchr(line, '=');
		if (!eq)
			continue;
		*eq = '\0';
		if (device_caps_set(&caps, line, eq + 1, msg, sizeof(msg)) != BG_OK)
			CHECK(msg[0]);
	}
	struct delivery d;
	delivery_decide(&m, "/media/film.mkv", 150000000, &caps, 0, &d);
	CHECK(strcmp(delivery_method_name(d.method), "none") != 0 || d.method == DELIVERY_NONE);
	CHECK(d.reason[0]);
	for (int i = 0; i < d.rendition_count; i++) {
		rendition_name(&d.renditions[i], name);
		CHECK(rendition_parse(name, &m, &r, msg, sizeof(msg)) == BG_OK);
	}

	if (probe_out) {
		int64_t *kf = NULL;
		size_t n = 0;
		if (probe_keyframes_parse(probe_out, strlen(probe_out), &kf, &n, msg, sizeof(msg)) ==
		    BG_OK) {
			for (size_t i = 1; i < n; i++)
				CHECK(kf[i] > kf[i - 1]);
			struct segment_plan plan;
			CHECK(segment_plan_keyframes(kf, n, m.duration_ms, &plan) == BG_OK);
			CHECK(plan.count >= 1 && plan.starts[0] == 0);
			segment_plan_release(&plan);
		}
		free(kf);
	}
	free(text);
	return 0;
}
