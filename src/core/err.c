/* err.c - names and messages of enum bg_err, generated from BG_ERR_MAP. */
#include "core/err.h"

const char *bg_err_name(enum bg_err err)
{
	switch (err) {
#define BG_ERR_NAME(name, str, msg) \
	case BG_##name:             \
		return str;
		BG_ERR_MAP(BG_ERR_NAME)
#undef BG_ERR_NAME
	}
	return "unknown";
}

const char *bg_err_message(enum bg_err err)
{
	switch (err) {
#define BG_ERR_MSG(name, str, msg) \
	case BG_##name:            \
		return msg;
		BG_ERR_MAP(BG_ERR_MSG)
#undef BG_ERR_MSG
	}
	return "unknown error";
}
