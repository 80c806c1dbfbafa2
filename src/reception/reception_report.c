/* reception_report.c - a title's reception as JSON; see reception_report.h. */
#include "reception/reception_report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/title_doc.h"
#include "audience/stats.h"
#include "core/date.h"
#include "reception/accolades.h"
#include "reception/home_media.h"
#include "reception/reception.h"
#include "catalog/catalog_store.h"
#include "reception/award_store.h"
#include "reception/buzz_store.h"
#include "reception/review_store.h"
#include "audience/stats_store.h"
#include "core/banned.h"

static json_t *one_decimal(double x)
{
	return json_real(round(x * 10) / 10);
}

static json_t *figures(const struct reception *r)
{
	return json_pack(
	        "{s:o,s:o,s:o,s:o,s:i,s:i,s:b,s:b,s:b,s:o,s:o,s:i,s:o}", "approval",
	        r->has_approval ? json_integer(r->approval) : json_null(), "approval_low",
	        r->has_approval ? one_decimal(r->approval_low) : json_null(), "approval_high",
	        r->has_approval ? one_decimal(r->approval_high) : json_null(), "average",
	        r->has_average ? json_real(r->average) : json_null(), "reviews", r->reviews,
	        "top_critics", r->top_critics, "fresh", r->has_approval && r->fresh, "uncertain",
	        r->has_approval && r->uncertain, "certified", r->has_approval && r->certified,
	        "shrunk", r->reviews ? one_decimal(r->shrunk) : json_null(), "score",
	        r->has_score ? json_integer(r->score) : json_null(), "score_reviews",
	        r->score_reviews, "band", r->band ? json_string(r->band) : json_null());
}

#define HOME_MEDIA_MAX 64

/* The season's DVD and Blu-ray releases from the article's Home media table. */
static json_t *home_media_json(const struct home_media_release *h, size_t n, int season)
{
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		if (h[i].season == season)
			json_array_append_new(list,
			                      json_pack("{s:s,s:s,s:s}", "format", h[i].format,
			                                "region", h[i].region, "date", h[i].date));
	return list;
}

enum bg_err reception_report(struct store *st, int64_t title_id, json_t **out)
{
	struct title_doc doc;
	title_doc_init(&doc);
	struct season_review *all = NULL;
	int *seasons = NULL;
	size_t n = 0, ns = 0;
	double prior;
	enum bg_err rc = catalog_store_load(st, title_id, &doc);
	if (!rc)
		rc = review_store_of_title(st, title_id, &all, &n);
	if (!rc)
		rc = review_store_seasons(st, title_id, &seasons, &ns);
	if (!rc)
		rc = review_store_prior(st, &prior);
	if (rc) {
		title_doc_release(&doc);
		free(all);
		free(seasons);
		return rc;
	}
	struct home_media_release media[HOME_MEDIA_MAX];
	size_t n_media = 0;
	for (size_t i = 0; i < doc.section_count; i++)
		if (strcmp(doc.sections[i].heading, "Home media") == 0)
			n_media = home_media_parse(doc.sections[i].body, media, HOME_MEDIA_MAX);
	struct scored_review *pool = malloc((n ? n : 1) * sizeof(*pool));
	for (size_t i = 0; i < n; i++)
		pool[i] = all[i].r;
	struct reception r;
	reception_compute(pool, n, prior, false, &r);
	json_t *season_list = json_array();
	for (size_t s = 0; s < ns; s++) {
		size_t k = 0;
		for (size_t i = 0; i < n; i++)
			if (all[i].season == seasons[s])
				pool[k++] = all[i].r;
		struct reception sr;
		reception_compute(pool, k, prior, true, &sr);
		json_t *o = figures(&sr);
		json_object_set_new(o, "number", json_integer(seasons[s]));
		json_object_set_new(o, "home_media", home_media_json(media, n_media, seasons[s]));
		json_array_append_new(season_list, o);
	}
	int64_t ratings = 0, liked = 0;
	rc = review_store_audience(st, title_id, &ratings, &liked);
	json_t *series = figures(&r);
	json_object_set_new(series, "audience",
	                    json_pack("{s:o,s:I}", "score",
	                              !rc && ratings >= RECEPTION_AUDIENCE_MIN
	                                      ? json_integer(reception_round(100.0 * (double)liked /
	                                                                     (double)ratings))
	                                      : json_null(),
	                              "ratings", (json_int_t)ratings));
	*out = json_pack("{s:{s:I,s:s},s:o,s:o}", "title", "id", (json_int_t)title_id, "name",
	                 doc.name ? doc.name : "", "series", series, "seasons", season_list);
	free(pool);
	free(all);
	free(seasons);
	title_doc_release(&doc);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

#define ACCOLADES_MAX 512

/* One nomination as JSON, its nominee linked to the catalogue where binge can. */
static json_t *nomination_json(struct store *st, int64_t title_id, const char *title_name,
                               const struct accolade *a, const char *organisation, int season,
                               int episode, const char *source)
{
	json_t *o = json_pack("{s:i,s:s,s:s,s:s,s:s,s:s,s:s}", "year", a->year, "organisation",
	                      organisation, "award", a->award, "category", a->category, "nominee",
	                      a->nominee, "result", a->result, "source", source);
	int64_t person = 0;
	if (!a->nominee_kind[0] || strcmp(a->nominee_kind, "person") == 0)
		award_store_person(st, a->nominee, &person);
	if (strcmp(a->nominee_kind, "episode") == 0 && !season)
		award_store_episode(st, title_id, a->nominee, &season, &episode);
	const char *kind = person                                ? "person"
	                   : season                              ? (episode ? "episode" : "season")
	                   : a->nominee_kind[0]                  ? a->nominee_kind
	                   : strcmp(a->nominee, title_name) == 0 ? "title"
	                                                         : "other";
	json_object_set_new(o, "nominee_kind", json_string(kind));
	if (person)
		json_object_set_new(o, "person_id", json_integer(person));
	if (strcmp(kind, "title") == 0 || season)
		json_object_set_new(o, "title_id", json_integer(title_id));
	if (season)
		json_object_set_new(o, "season", json_integer(season));
	if (episode)
		json_object_set_new(o, "episode", json_integer(episode));
	return o;
}

enum bg_err awards_report(struct store *st, int64_t title_id, json_t **out)
{
	struct title_doc doc;
	title_doc_init(&doc);
	struct nomination *imported = NULL;
	size_t n_imported = 0;
	enum bg_err rc = catalog_store_load(st, title_id, &doc);
	if (!rc)
		rc = award_store_of_title(st, title_id, &imported, &n_imported);
	if (rc) {
		title_doc_release(&doc);
		return rc;
	}
	struct accolade *a = malloc(ACCOLADES_MAX * sizeof(*a));
	size_t n = 0;
	for (size_t i = 0; i < doc.section_count; i++)
		if (strcmp(doc.sections[i].heading, "Accolades") == 0)
			n = accolades_parse(doc.sections[i].body, a, ACCOLADES_MAX);
	const char *name = doc.name ? doc.name : "";
	json_t *items = json_array();
	int won = 0, nominated = 0;
	for (size_t i = 0; i < n + n_imported; i++) {
		const struct accolade *x = i < n ? &a[i] : &imported[i - n].a;
		won += strcmp(x->result, "won") == 0;
		nominated += strcmp(x->result, "nominated") == 0;
		json_array_append_new(
		        items,
		        i < n ? nomination_json(st, title_id, name, x, x->award, 0, 0, "article")
		              : nomination_json(st, title_id, name, x, imported[i - n].organisation,
		                                imported[i - n].season, imported[i - n].episode,
		                                "import"));
	}
	*out = json_pack("{s:{s:I,s:s},s:o,s:i,s:i}", "title", "id", (json_int_t)title_id, "name",
	                 name, "items", items, "won", won, "nominated", nominated);
	free(a);
	free(imported);
	title_doc_release(&doc);
	return BG_OK;
}

/* Counts of originals and reposts, and of all tracked titles' posts, in [from, to). */
struct tally {
	int64_t originals, reposts, all_tracked;
};

static json_t *share(const struct tally *t)
{
	int64_t mine = t->originals + t->reposts;
	return t->all_tracked
	               ? json_real(round(1000.0 * (double)mine / (double)t->all_tracked) / 10)
	               : json_null();
}

/* Whether p is about title index `me` of titles; *tracked_count gets how many tracked titles it
 * names. */
static bool about(const struct buzz_post *p, const struct buzz_title *titles, size_t n, long me,
                  int64_t *tracked_count)
{
	bool mine = false;
	*tracked_count = 0;
	for (size_t i = 0; i < n; i++)
		if (buzz_matches(titles[i].trackers, titles[i].n, p)) {
			(*tracked_count)++;
			mine |= (long)i == me;
		}
	return mine;
}

enum bg_err buzz_report(struct store *st, int64_t title_id, json_t **out)
{
	char name[256];
	int64_t released;
	struct buzz_title *titles = NULL;
	struct buzz_post *posts = NULL;
	struct stats_season *seasons = NULL;
	struct buzz_reported *reported = NULL;
	size_t nt = 0, np = 0, ns = 0, nr = 0;
	enum bg_err rc = stats_store_title(st, title_id, name, sizeof(name), &released);
	if (!rc)
		rc = buzz_store_trackers(st, &titles, &nt);
	if (!rc)
		rc = buzz_store_posts(st, &posts, &np);
	if (!rc)
		rc = stats_store_seasons(st, title_id, &seasons, &ns);
	if (!rc)
		rc = buzz_store_reported(st, title_id, &reported, &nr);
	if (rc)
		goto out;
	long me = -1;
	for (size_t i = 0; i < nt; i++)
		if (titles[i].title_id == title_id)
			me = (long)i;
	json_t *tracked = json_array();
	for (size_t i = 0; me >= 0 && i < titles[me].n; i++)
		json_array_append_new(tracked, json_string(titles[me].trackers[i].value));
	/* premiere windows: a season's release (a film: its own) and the 7 days after */
	size_t nw = ns ? ns : 1;
	int64_t *from = malloc(nw * sizeof(*from));
	struct tally *windows = calloc(nw, sizeof(*windows));
	for (size_t s = 0; s < nw; s++)
		from[s] = ns ? seasons[s].release_s : released;
	struct tally total = {0};
	json_t *by_day = json_array();
	char day[DATE_ISO_LEN + 1] = "";
	struct tally today = {0};
	for (size_t i = 0; i <= np; i++) {
		bool flush = i == np || (day[0] && strncmp(posts[i].at, day, DATE_ISO_LEN) != 0);
		if (flush && day[0] && today.originals + today.reposts)
			json_array_append_new(by_day,
			                      json_pack("{s:s,s:I,s:I}", "day", day, "originals",
			                                (json_int_t)today.originals, "reposts",
			                                (json_int_t)today.reposts));
		if (flush)
			memset(&today, 0, sizeof(today));
		if (i == np)
			break;
		snprintf(day, sizeof(day), "%.10s", posts[i].at);
		int64_t named, at;
		bool mine = about(&posts[i], titles, nt, me, &named);
		bool repost = posts[i].repost_of[0] != '\0';
		date_time_parse(posts[i].at, &at);
		total.all_tracked += named;
		for (size_t s = 0; s < nw; s++)
			if (from[s] != STATS_NONE && at >= from[s] &&
			    at < from[s] + (int64_t)7 * 86400) {
				windows[s].all_tracked += named;
				windows[s].originals += mine && !repost;
				windows[s].reposts += mine && repost;
			}
		if (!mine)
			continue;
		(*(repost ? &total.reposts : &total.originals))++;
		(*(repost ? &today.reposts : &today.originals))++;
	}
	json_t *premieres = json_array();
	for (size_t s = 0; s < nw; s++) {
		if (from[s] == STATS_NONE)
			continue;
		char a[DATE_TIME_LEN + 1], b[DATE_TIME_LEN + 1];
		date_time_format(from[s], a);
		date_time_format(from[s] + (int64_t)7 * 86400, b);
		json_t *o = json_pack("{s:s,s:s,s:I,s:I,s:o}", "from", a, "to", b, "originals",
		                      (json_int_t)windows[s].originals, "reposts",
		                      (json_int_t)windows[s].reposts, "share_of_voice",
		                      share(&windows[s]));
		if (ns)
			json_object_set_new(o, "season", json_integer(seasons[s].number));
		json_array_append_new(premieres, o);
	}
	json_t *rep = json_array();
	for (size_t i = 0; i < nr; i++)
		json_array_append_new(rep,
		                      json_pack("{s:i,s:I,s:s,s:s}", "season", reported[i].season,
		                                "posts", (json_int_t)reported[i].posts, "period",
		                                reported[i].period, "source", reported[i].source));
	*out = json_pack("{s:{s:I,s:s},s:o,s:I,s:I,s:I,s:o,s:o,s:o,s:o}", "title", "id",
	                 (json_int_t)title_id, "name", name, "tracked", tracked, "posts",
	                 (json_int_t)total.originals + (json_int_t)total.reposts, "originals",
	                 (json_int_t)total.originals, "reposts", (json_int_t)total.reposts,
	                 "share_of_voice", share(&total), "by_day", by_day, "premieres", premieres,
	                 "reported", rep);
	free(from);
	free(windows);
out:
	buzz_titles_release(titles, nt);
	free(posts);
	free(seasons);
	free(reported);
	return rc;
}
