/*
 * dynlib.h - a shared library opened at run time (dlopen), its functions
 * looked up by name into the caller's table.
 *
 * binge opens libraries that few of its processes use this way rather than
 * linking them: each linked library is loaded, relocated and (in the
 * sanitized build) scanned by every process, whether it calls the library
 * or not. Callers keep a table of function pointers typed with the
 * library's own header (`__typeof__(fn) *`), so every call stays typed.
 */
#ifndef BINGE_CORE_DYNLIB_H
#define BINGE_CORE_DYNLIB_H

#include <stdbool.h>
#include <stddef.h>

/* One function to find: its exported name, and where its address goes. */
struct dynlib_fn {
	const char *name;
	void **slot;
};

/*
 * Opens the library soname (RTLD_NOW | RTLD_LOCAL) and stores the address
 * of each of the n functions in its slot. False if the library can't be
 * opened or lacks one of them: msg (msg_len bytes) then names which, and
 * the library stays open (the process keeps it for its life either way).
 * Not thread-safe: callers open once, under pthread_once.
 */
bool dynlib_open(const char *soname, const struct dynlib_fn *fns, size_t n, char *msg,
                 size_t msg_len);

#endif
