/*
 * sanitizer_options.c - AddressSanitizer's defaults for every program of the
 * sanitized build (binge and the unit tests; CMake links this object into
 * each, since nothing calls it and a static library would drop it).
 *
 * intercept_tls_get_addr=0: GCC 12's LeakSanitizer crashes ("Tracer caught
 * signal 11") at exit when it scans the dynamic thread-local storage of a
 * library opened by dlopen, as glib's under libvips (core/dynlib.h);
 * untracked, that storage is simply not scanned.
 *
 * handle_sigill=1: the build makes UndefinedBehaviorSanitizer's checks trap
 * (-fsanitize-undefined-trap-on-error) instead of calling its runtime, whose
 * 6 MB of zeroed globals LeakSanitizer read at every exit: 15 ms of page
 * faults per process. The trap is an illegal instruction; with this,
 * AddressSanitizer reports it with the file, line and stack of the
 * undefined behaviour and exits non-zero.
 *
 * quarantine_size_mb=64: freed memory is held back this long before reuse,
 * so a use after free is still caught until 64 MB more has been freed. At
 * the default 256 MB every busy process (a server, a simulation, a model's
 * training) kept touching fresh pages: reco_test and simulate_viewing_test
 * took 29.5 CPU seconds with it and 20.3 with 64 MB (page faults cost about
 * 10 us each on the test machine).
 */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "intercept_tls_get_addr=0:handle_sigill=1:quarantine_size_mb=64";
}
