/* nfo_test.c - Kodi/Jellyfin NFO files read and merged (catalog/nfo.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "catalog/nfo.h"

static const char SHOW[] =
        "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<!-- made by a scraper -->\n"
        "<tvshow>\n"
        "  <title>Jessica Jones</title>\n"
        "  <originaltitle>Marvel's Jessica Jones</originaltitle>\n"
        "  <plot>A former superhero opens a detective agency.</plot>\n"
        "  <tagline>Everyone has a dark side.</tagline>\n"
        "  <season>-1</season>\n"
        "  <genre>Drama</genre><genre>Crime</genre><genre>Drama</genre>\n"
        "  <studio>Netflix</studio>\n"
        "  <premiered>2015-11-20</premiered>\n"
        "  <runtime>52</runtime>\n"
        "  <mpaa>US:TV-MA / GB:15</mpaa>\n"
        "  <status>Ended</status>\n"
        "  <uniqueid type=\"imdb\" default=\"true\">tt2357547</uniqueid>\n"
        "  <uniqueid type=\"tvdb\">284190</uniqueid>\n"
        "  <ratings><rating name=\"imdb\" max=\"10\" default=\"true\"><value>7.9</value>"
        "<votes>231000</votes></rating></ratings>\n"
        "  <actor><name>Rachael Taylor</name><role>Trish Walker</role><order>1</order></actor>\n"
        "  <actor><name>Krysten Ritter</name><role>Jessica Jones</role><order>0</order></actor>\n"
        "  <actor><name>Mike Colter</name><role>Luke Cage</role></actor>\n"
        "  <director>S. J. Clarkson</director>\n"
        "  <credits>Melissa Rosenberg</credits>\n"
        "</tvshow>\n"
        "https://www.thetvdb.com/series/284190\n";

static const char *extra(const struct title_doc *d, const char *key)
{
	for (size_t i = 0; i < d->extra_count; i++)
		if (strcmp(d->extras[i].key, key) == 0)
			return d->extras[i].value;
	return NULL;
}

static const struct credit *credit_of(const struct title_doc *d, enum credit_role role,
                                      const char *person)
{
	for (size_t i = 0; i < d->credit_count; i++)
		if (d->credits[i].role == role && strcmp(d->credits[i].person, person) == 0)
			return &d->credits[i];
	return NULL;
}

static void test_show(void **state)
{
	(void)state;
	struct nfo n;
	char msg[256] = "";
	assert_int_equal(nfo_parse(SHOW, strlen(SHOW), &n, msg, sizeof(msg)), BG_OK);
	const struct title_doc *d = &n.doc;
	assert_int_equal(n.kind, NFO_SHOW);
	assert_int_equal(d->kind, TITLE_SERIES);
	assert_string_equal(d->name, "Jessica Jones");
	assert_string_equal(d->synopsis, "A former superhero opens a detective agency.");
	assert_string_equal(d->first_aired, "2015-11-20");
	assert_int_equal(d->runtime_min, 52);
	assert_string_equal(d->rating_value, "TV-MA");
	assert_string_equal(d->rating_system, "US TV");
	assert_string_equal(d->status, "ended");
	assert_int_equal(d->genres.n, 2); /* the repeated genre once */
	assert_string_equal(d->genres.items[1], "Crime");
	assert_string_equal(d->companies.items[0], "Netflix");
	/* The cast by <order>, those without one after. */
	assert_int_equal(d->credit_count, 5);
	assert_int_equal(d->credits[0].role, ROLE_CAST);
	assert_string_equal(d->credits[0].person, "Krysten Ritter");
	assert_string_equal(d->credits[0].character, "Jessica Jones");
	assert_string_equal(d->credits[1].person, "Rachael Taylor");
	assert_string_equal(d->credits[2].person, "Mike Colter");
	assert_non_null(credit_of(d, ROLE_DIRECTOR, "S. J. Clarkson"));
	assert_non_null(credit_of(d, ROLE_WRITER, "Melissa Rosenberg"));
	assert_string_equal(extra(d, "original_title"), "Marvel's Jessica Jones");
	assert_string_equal(extra(d, "tagline"), "Everyone has a dark side.");
	assert_string_equal(extra(d, "imdb_id"), "tt2357547");
	assert_string_equal(extra(d, "tvdb_id"), "284190");
	assert_string_equal(extra(d, "rating_imdb"), "7.9/10 (231000 votes)");
	assert_string_equal(extra(d, "certification"), "GB:15");
	nfo_release(&n);
}

static void test_episode_and_movie(void **state)
{
	(void)state;
	/* A double episode's file: one root per episode; the first is read. */
	const char ep[] = "<episodedetails><title>AKA Ladies Night</title><season>1</season>"
	                  "<episode>1</episode><plot>Jessica takes a case.</plot>"
	                  "<aired>2015-11-20</aired><runtime>53</runtime></episodedetails>\n"
	                  "<episodedetails><title>AKA Crush Syndrome</title><season>1</season>"
	                  "<episode>2</episode></episodedetails>\n";
	struct nfo n;
	char msg[256];
	assert_int_equal(nfo_parse(ep, strlen(ep), &n, msg, sizeof(msg)), BG_OK);
	assert_int_equal(n.kind, NFO_EPISODE);
	assert_int_equal(n.season, 1);
	assert_int_equal(n.episode, 1);
	assert_string_equal(n.doc.name, "AKA Ladies Night");
	assert_string_equal(n.doc.first_aired, "2015-11-20");
	assert_int_equal(n.doc.runtime_min, 53);
	nfo_release(&n);
	/* A film with only a year, and an MPA rating written "Rated R". */
	const char movie[] = "<movie><title>Example</title><year>1999</year>"
	                     "<mpaa>Rated R</mpaa><outline>Short.</outline></movie>";
	assert_int_equal(nfo_parse(movie, strlen(movie), &n, msg, sizeof(msg)), BG_OK);
	assert_int_equal(n.doc.kind, TITLE_FILM);
	assert_string_equal(n.doc.first_aired, "1999-01-01");
	assert_string_equal(n.doc.rating_value, "R");
	assert_string_equal(n.doc.rating_system, "MPA");
	assert_string_equal(n.doc.synopsis, "Short.");
	nfo_release(&n);
	const char season[] = "<season><seasonnumber>2</seasonnumber><title>Season Two</title></season>";
	assert_int_equal(nfo_parse(season, strlen(season), &n, msg, sizeof(msg)), BG_OK);
	assert_int_equal(n.kind, NFO_SEASON);
	assert_int_equal(n.season, 2);
	nfo_release(&n);
}

static void test_bad_input(void **state)
{
	(void)state;
	struct nfo n;
	char msg[256];
	const char broken[] = "<tvshow>\n<title>Open\n</tvshow";
	assert_int_equal(nfo_parse(broken, strlen(broken), &n, msg, sizeof(msg)), BG_INVALID);
	assert_non_null(strstr(msg, "line 3: not XML"));
	nfo_release(&n);
	const char other[] = "<html><body/></html>";
	assert_int_equal(nfo_parse(other, strlen(other), &n, msg, sizeof(msg)), BG_INVALID);
	assert_non_null(strstr(msg, "<html> is not an NFO root"));
	nfo_release(&n);
	assert_int_equal(nfo_parse("", 0, &n, msg, sizeof(msg)), BG_INVALID);
	nfo_release(&n);
	/* An external entity is never read (no XXE), nor a DTD fetched. */
	const char xxe[] = "<?xml version=\"1.0\"?><!DOCTYPE tvshow [<!ENTITY e SYSTEM "
	                   "\"file:///etc/passwd\">]><tvshow><title>X</title><plot>&e;</plot></tvshow>";
	if (nfo_parse(xxe, strlen(xxe), &n, msg, sizeof(msg)) == BG_OK)
		assert_true(!n.doc.synopsis || !strstr(n.doc.synopsis, "root:"));
	nfo_release(&n);
}

/* What the article imported wins; the NFO fills gaps and adds credits once. */
static void test_merge(void **state)
{
	(void)state;
	struct nfo n;
	char msg[256];
	assert_int_equal(nfo_parse(SHOW, strlen(SHOW), &n, msg, sizeof(msg)), BG_OK);
	struct title_doc stored;
	title_doc_init(&stored);
	stored.kind = TITLE_SERIES;
	stored.name = strdup("Jessica Jones");
	stored.synopsis = strdup("From the article.");
	struct credit *c = title_doc_credit(&stored, ROLE_CAST, "Krysten Ritter");
	c->character = strdup("Jessica Jones");
	nfo_merge(&stored, &n, false);
	assert_string_equal(stored.synopsis, "From the article.");
	assert_int_equal(stored.genres.n, 2); /* it had none */
	assert_string_equal(stored.first_aired, "2015-11-20");
	assert_int_equal(stored.credit_count, 5); /* Krysten Ritter once */
	size_t extras = stored.extra_count;
	nfo_merge(&stored, &n, false); /* again: nothing changes */
	assert_int_equal(stored.credit_count, 5);
	assert_int_equal(stored.extra_count, extras);
	/* A title the scan made: the NFO is its only source and replaces. */
	nfo_merge(&stored, &n, true);
	assert_string_equal(stored.synopsis, "A former superhero opens a detective agency.");
	assert_int_equal(stored.credit_count, 5);
	assert_string_equal(stored.credits[0].person, "Krysten Ritter");
	title_doc_release(&stored);
	nfo_release(&n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_show), cmocka_unit_test(test_episode_and_movie),
	        cmocka_unit_test(test_bad_input), cmocka_unit_test(test_merge)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
