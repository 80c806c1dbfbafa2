/*
 * cmd_routes.c - `binge routes`: the HTTP API's route table with who may
 * call each route, as the server enforces it (http/routes.c). The
 * authorization matrix test is generated from this output.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "http/http.h"
#include "core/banned.h"

static const char usage[] =
        "usage: binge routes [--json]\n\n"
        "Lists the API's routes and who may call each one: public (anyone), account\n"
        "(an account token), profile (a profile token), viewer (a profile token or an\n"
        "admin's account token), admin (an admin's account token) or signed (a signed\n"
        "URL from playback-info). {} in a path is a numeric id. See docs/api.md.\n\n"
        "  --json   print {\"routes\":[{\"method\",\"path\",\"access\",\"cached\"}]}\n";

int cmd_routes(int argc, char **argv)
{
	struct cli_args args;
	const struct cli_opt opts[] = {{NULL, NULL, NULL, NULL}};
	int code = cli_parse(argc, argv, usage, opts, &args);
	if (code >= 0)
		return code;
	if (args.rest_count > 0)
		return cli_usage("routes", "unexpected argument '%s'", args.rest[0]);
	json_t *routes = json_array();
	for (const struct http_route *r = http_routes; r->method; r++) {
		if (args.json)
			json_array_append_new(
			        routes, json_pack("{s:s,s:s,s:s,s:b}", "method", r->method, "path",
			                          r->pattern, "access", http_access_name(r->access),
			                          "cached", r->cached));
		else
			printf("%-7s %-44s %s\n", r->method, r->pattern,
			       http_access_name(r->access));
	}
	if (args.json)
		cli_print_json(json_pack("{s:o}", "routes", routes));
	else
		json_decref(routes);
	return EXIT_OK;
}
