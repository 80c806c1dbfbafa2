/*
 * intro.h - finding the intro two episodes share, from their audio
 * fingerprints (Chromaprint's raw fingerprints, the method Jellyfin's
 * intro-skipper uses).
 *
 * A raw fingerprint is one 32-bit item per INTRO_ITEM_S of audio. Two
 * episodes' items that hold the same sound are equal or differ in a few
 * bits. The search: items equal in both vote for a shift between the
 * episodes; along each of the most voted shifts, windows of INTRO_WINDOW
 * items whose mean bit difference is at most INTRO_MAX_BITS match; the
 * longest run of matching windows, INTRO_MIN_S to INTRO_MAX_S long, is the
 * intro. An item is computed from 16 chroma frames (about 2 s of sound), so
 * a run starts up to that much before the shared sound: the start is moved
 * on by INTRO_CONTEXT_S (docs/playback.md has the measurement).
 *
 * Pure: no I/O.
 */
#ifndef BINGE_MEDIA_INTRO_H
#define BINGE_MEDIA_INTRO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define INTRO_ITEM_S    (1365.0 / 11025.0) /* Chromaprint's frame step at its 11025 Hz */
#define INTRO_CONTEXT_S (16 * INTRO_ITEM_S)
#define INTRO_WINDOW    8
#define INTRO_MAX_BITS  4.0
#define INTRO_MIN_S     15.0
#define INTRO_MAX_S     120.0
#define INTRO_SHIFTS    4 /* most voted shifts tried */

struct intro_match {
	double a_start, a_end; /* seconds, in the first episode */
	double b_start, b_end; /* in the second */
};

/* The intro episodes a and b share (na and nb items); false when none. */
bool intro_find(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
                struct intro_match *out);

#endif
