/*
 * file_wait.h - requests suspended until a file exists: an HLS segment an
 * encoder is still making. A waiting request holds no server thread (MHD
 * serves other connections on it); one thread polls the waited-for files
 * every FILE_WAIT_POLL_MS and resumes each request when its file appears or
 * its time is up, and MHD calls the handler again.
 */
#ifndef BINGE_HTTP_FILE_WAIT_H
#define BINGE_HTTP_FILE_WAIT_H

#include <stdbool.h>
#include <stdint.h>

#define FILE_WAIT_POLL_MS 50

struct MHD_Connection;
struct file_waiter;

/* Starts the polling thread; NULL when it cannot. */
struct file_waiter *file_waiter_new(void);

/*
 * Resumes conn (suspended by the caller) once path exists or timeout_ms
 * pass. False, with conn left suspended for the caller to resume, when the
 * waiter is stopping.
 */
bool file_waiter_add(struct file_waiter *w, struct MHD_Connection *conn, const char *path,
                     int timeout_ms);

/* Resumes every waiting request and accepts no more (before MHD stops). */
void file_waiter_stop(struct file_waiter *w);

/* Stops the thread and frees w. NULL is a no-op. */
void file_waiter_free(struct file_waiter *w);

#endif
