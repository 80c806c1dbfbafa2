/*
 * stats_svg.h - the audience analytics as SVG charts, drawn from the JSON
 * documents of stats_report.h so a chart always shows what the numbers
 * say: horizontal bars for watch order (share started first), next title
 * (share), gateways (lift) and bingeing (completion and within-a-week per
 * season), columns for starts per day with the release day marked. Self-
 * contained SVG 1.1 (no scripts, no external references); text escaped.
 * Pure; the result is allocated (free()), NULL only when the report does
 * not have the expected shape.
 */
#ifndef BINGE_AUDIENCE_STATS_SVG_H
#define BINGE_AUDIENCE_STATS_SVG_H

#include <jansson.h>

/* kind: "watch-order", "next", "gateways", "binge" or "starts". */
char *stats_svg(const char *kind, const json_t *report);

#endif
