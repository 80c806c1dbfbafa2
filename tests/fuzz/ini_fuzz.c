/*
 * ini_fuzz.c - libFuzzer target for configuration files (core/ini.h): any
 * bytes parse into entries with a key and a line number in range, or are
 * refused with a message naming a line; never a crash, a leak or a read out
 * of bounds.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_check.h"

#include "core/ini.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ini ini;
	char msg[256] = "";
	if (ini_parse((const char *)data, size, &ini, msg, sizeof(msg)) != BG_OK) {
		CHECK(strncmp(msg, "line ", 5) == 0);
		return 0;
	}
	int lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	for (size_t i = 0; i < ini.n; i++) {
		CHECK(ini.items[i].key[0] != '\0');
		CHECK(ini.items[i].line >= 1 && ini.items[i].line <= lines);
		CHECK(ini.items[i].section && ini.items[i].value);
	}
	ini_release(&ini);
	return 0;
}
