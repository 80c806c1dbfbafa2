/*
 * dynlib.c - a shared library opened at run time; see dynlib.h.
 */
#include "core/dynlib.h"

#include <dlfcn.h>
#include <stdio.h>

#include "core/banned.h"

bool dynlib_open(const char *soname, const struct dynlib_fn *fns, size_t n, char *msg,
                 size_t msg_len)
{
	void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		snprintf(msg, msg_len, "cannot open %s: %s", soname, dlerror());
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		*fns[i].slot = dlsym(lib, fns[i].name); /* POSIX: a function pointer fits a void * */
		if (!*fns[i].slot) {
			snprintf(msg, msg_len, "%s has no function %s", soname, fns[i].name);
			return false;
		}
	}
	return true;
}
