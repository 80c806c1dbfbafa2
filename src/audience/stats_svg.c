/* stats_svg.c - analytics charts as SVG; see stats_svg.h. */
#include "audience/stats_svg.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/banned.h"

#define SVG_MAX    ((size_t)1 << 20)
#define WIDTH      720
#define LABEL_W    240
#define BAR_W      360
#define ROW_H      26
#define TOP        40
#define FONT       "font-family=\"sans-serif\" font-size=\"13\""
#define BAR_COLOUR "#c0392b"

static void add_escaped(struct buf *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			buf_adds(out, "&amp;");
			break;
		case '<':
			buf_adds(out, "&lt;");
			break;
		case '>':
			buf_adds(out, "&gt;");
			break;
		case '"':
			buf_adds(out, "&quot;");
			break;
		case '\'':
			buf_adds(out, "&#39;");
			break;
		default:
			buf_addch(out, *s);
		}
	}
}

static void open_svg(struct buf *out, int height, const char *heading)
{
	buf_addf(out,
	         "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
	         " viewBox=\"0 0 %d %d\" role=\"img\">\n<title>",
	         WIDTH, height, WIDTH, height);
	add_escaped(out, heading);
	buf_addf(out,
	         "</title>\n<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n"
	         "<text x=\"10\" y=\"24\" " FONT " font-weight=\"bold\">",
	         WIDTH, height);
	add_escaped(out, heading);
	buf_adds(out, "</text>\n");
}

static char *close_svg(struct buf *out)
{
	buf_adds(out, "</svg>\n");
	if (buf_error(out)) {
		buf_release(out);
		return NULL;
	}
	return buf_detach(out, NULL);
}

/* One labelled bar, value scaled against max, with its figure as text. */
static void bar(struct buf *out, int row, const char *label, double value, double max,
                const char *figure)
{
	int y = TOP + row * ROW_H;
	int w = max > 0 ? (int)(value / max * BAR_W + 0.5) : 0;
	buf_addf(out, "<text x=\"%d\" y=\"%d\" " FONT " text-anchor=\"end\">", LABEL_W - 8, y + 17);
	add_escaped(out, label);
	buf_addf(out,
	         "</text>\n<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"" BAR_COLOUR
	         "\"/>\n<text x=\"%d\" y=\"%d\" " FONT ">",
	         LABEL_W, y + 4, w, ROW_H - 8, LABEL_W + w + 6, y + 17);
	add_escaped(out, figure);
	buf_adds(out, "</text>\n");
}

static const char *title_of(const json_t *report)
{
	const char *name =
	        json_string_value(json_object_get(json_object_get(report, "title"), "title"));
	return name ? name : "";
}

static char *watch_order(const json_t *r)
{
	const json_t *order = json_object_get(r, "release_order"),
	             *share = json_object_get(r, "first_share");
	if (!json_is_array(order) || !json_is_object(share))
		return NULL;
	struct buf out = BUF_INIT(SVG_MAX);
	size_t n = json_array_size(order);
	char heading[160];
	snprintf(heading, sizeof(heading), "Which title %lld viewers started first (release order)",
	         (long long)json_integer_value(json_object_get(r, "viewers")));
	open_svg(&out, TOP + (int)n * ROW_H + 10, heading);
	for (size_t i = 0; i < n; i++) {
		const char *name = json_string_value(json_array_get(order, i));
		double v = json_number_value(json_object_get(share, name ? name : ""));
		char figure[32];
		snprintf(figure, sizeof(figure), "%.1f%%", v * 100.0);
		bar(&out, (int)i, name ? name : "", v, 1.0, figure);
	}
	return close_svg(&out);
}

/* next (share) and gateways (lift): ranked items. */
static char *ranked(const json_t *r, const char *key, const char *before, const char *after)
{
	const json_t *items = json_object_get(r, "items");
	if (!json_is_array(items))
		return NULL;
	size_t n = json_array_size(items);
	double max = 0;
	for (size_t i = 0; i < n; i++) {
		double v = json_number_value(json_object_get(json_array_get(items, i), key));
		max = v > max ? v : max;
	}
	struct buf out = BUF_INIT(SVG_MAX);
	char heading[640];
	snprintf(heading, sizeof(heading), "%s%s%s", before, title_of(r), after);
	open_svg(&out, TOP + (int)(n ? n : 1) * ROW_H + 10, heading);
	for (size_t i = 0; i < n; i++) {
		const json_t *item = json_array_get(items, i);
		const char *name = json_string_value(json_object_get(item, "title"));
		double v = json_number_value(json_object_get(item, key));
		char figure[64];
		if (strcmp(key, "share") == 0)
			snprintf(figure, sizeof(figure), "%.1f%% (%lld)", v * 100.0,
			         (long long)json_integer_value(json_object_get(item, "count")));
		else
			snprintf(figure, sizeof(figure), "x%.2f (%lld)", v,
			         (long long)json_integer_value(json_object_get(item, "count")));
		bar(&out, (int)i, name ? name : "", v, max, figure);
	}
	return close_svg(&out);
}

static char *binge(const json_t *r)
{
	const json_t *seasons = json_object_get(r, "seasons");
	if (!json_is_array(seasons))
		return NULL;
	size_t n = json_array_size(seasons);
	struct buf out = BUF_INIT(SVG_MAX);
	char heading[640];
	snprintf(heading, sizeof(heading), "%s: completion and finishing within a week, per season",
	         title_of(r));
	open_svg(&out, TOP + (int)(n ? 2 * n : 1) * ROW_H + 10, heading);
	for (size_t i = 0; i < n; i++) {
		const json_t *s = json_array_get(seasons, i);
		int number = (int)json_integer_value(json_object_get(s, "number"));
		const json_t *week = json_object_get(s, "finished_within_week_share");
		double done = json_number_value(json_object_get(s, "completion_rate"));
		char label[64], figure[96];
		snprintf(label, sizeof(label), "Season %d completed", number);
		snprintf(figure, sizeof(figure), "%.1f%% (%.1f episodes a day)", done * 100.0,
		         json_number_value(json_object_get(s, "episodes_per_day")));
		bar(&out, (int)(2 * i), label, done, 1.0, figure);
		snprintf(label, sizeof(label), "Season %d within a week", number);
		if (json_is_null(week))
			snprintf(figure, sizeof(figure), "no release date");
		else
			snprintf(figure, sizeof(figure), "%.1f%%", json_number_value(week) * 100.0);
		bar(&out, (int)(2 * i + 1), label, json_number_value(week), 1.0, figure);
	}
	return close_svg(&out);
}

static char *starts(const json_t *r)
{
	const json_t *days = json_object_get(r, "days");
	if (!json_is_array(days) || !json_array_size(days))
		return NULL;
	size_t n = json_array_size(days);
	long max = 1;
	for (size_t i = 0; i < n; i++) {
		long c = (long)json_integer_value(
		        json_object_get(json_array_get(days, i), "starts"));
		max = c > max ? c : max;
	}
	const int plot_h = 180, base = TOP + 10 + plot_h, left = 50, plot_w = WIDTH - left - 20;
	double col_w = (double)plot_w / (double)n;
	struct buf out = BUF_INIT(SVG_MAX);
	char heading[640];
	snprintf(heading, sizeof(heading), "%s: starts per day around the release of %.10s",
	         title_of(r), json_string_value(json_object_get(r, "release")));
	open_svg(&out, base + 40, heading);
	buf_addf(&out, "<text x=\"%d\" y=\"%d\" " FONT " text-anchor=\"end\">%ld</text>\n",
	         left - 6, TOP + 20, max);
	for (size_t i = 0; i < n; i++) {
		const json_t *d = json_array_get(days, i);
		long c = (long)json_integer_value(json_object_get(d, "starts"));
		bool release = json_integer_value(json_object_get(d, "offset")) == 0;
		int h = (int)((double)c / (double)max * plot_h + 0.5);
		buf_addf(&out,
		         "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
		         "<title>%s: %ld</title></rect>\n",
		         left + col_w * (double)i, base - h, col_w > 2 ? col_w - 1 : col_w, h,
		         release ? "#2c3e50" : BAR_COLOUR,
		         json_string_value(json_object_get(d, "date")), c);
	}
	buf_addf(&out,
	         "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n"
	         "<text x=\"%d\" y=\"%d\" " FONT ">%s</text>\n"
	         "<text x=\"%d\" y=\"%d\" " FONT " text-anchor=\"end\">%s</text>\n",
	         left, base, left + plot_w, base, left, base + 18,
	         json_string_value(json_object_get(json_array_get(days, 0), "date")), left + plot_w,
	         base + 18,
	         json_string_value(json_object_get(json_array_get(days, n - 1), "date")));
	return close_svg(&out);
}

char *stats_svg(const char *kind, const json_t *report)
{
	if (strcmp(kind, "watch-order") == 0)
		return watch_order(report);
	if (strcmp(kind, "next") == 0)
		return ranked(report, "share", "What viewers started next after ", "");
	if (strcmp(kind, "gateways") == 0)
		return ranked(report, "lift", "What viewers watched before starting ", " (lift)");
	if (strcmp(kind, "binge") == 0)
		return binge(report);
	if (strcmp(kind, "starts") == 0)
		return starts(report);
	return NULL;
}
