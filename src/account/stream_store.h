/*
 * stream_store.h - streams under way, one per login (a device), for an
 * account's limit on simultaneous streams. A stream starts with a
 * playback-info request and lives while the player reports progress (a
 * stream not seen for STREAM_ALIVE_S has ended). A device of the account
 * may stop another's stream: that one's next report is refused.
 */
#ifndef BINGE_ACCOUNT_STREAM_STORE_H
#define BINGE_ACCOUNT_STREAM_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct store;

#define STREAM_ALIVE_S 90 /* the player reports every 5 s; a pause longer than this frees the place */

/* A stream that holds one of the account's places. */
struct held_stream {
	int64_t device;     /* the device's id (auth.h: the login's first 48 bits) */
	char login[65];
	char device_name[161];
	char profile[128];
	char title[256];
	char since[32];
};

/*
 * Starts (or goes on with) login's stream of media_id for user_id, whose
 * limit is max_streams (0: none). Errors: BG_CONFLICT when the other
 * devices already hold max_streams streams; *held (caller frees) then lists
 * them (*n). A stream stopped from another device starts again here.
 */
enum bg_err stream_store_claim(struct store *st, int64_t user_id, int max_streams,
                               const char *login, int64_t profile_id, int64_t media_id,
                               int64_t now, struct held_stream **held, size_t *n);

/* A progress report of login's stream: *stopped when another device stopped it. */
enum bg_err stream_store_report(struct store *st, const char *login, int64_t now, bool *stopped);

/* Stops the stream of user_id's device whose id is device. Errors: BG_NOT_FOUND. */
enum bg_err stream_store_stop(struct store *st, int64_t user_id, int64_t device, int64_t now);

/* user_id's limit (0: none). */
enum bg_err stream_store_limit(struct store *st, int64_t user_id, int *out);

/* Sets user_id's limit (0: none). Errors: BG_NOT_FOUND. */
enum bg_err stream_store_set_limit(struct store *st, int64_t user_id, int max_streams);

/* A login's device id: the first 48 bits of its digest (the device list's id). */
int64_t stream_device_id(const char *login);

#endif
