/* import_wiki_test.c - the article parser on the seed, variants and bad input. */
#include "../test_util.h"

#include "catalog/import_wiki.h"
#include "core/mem.h"

static enum bg_err parse(const char *data, size_t len, struct title_doc *doc,
                         struct import_error *err)
{
	title_doc_init(doc);
	return import_wiki_parse(data, len, doc, err);
}

static const struct credit *find_credit(const struct title_doc *d, enum credit_role role,
                                        const char *person)
{
	for (size_t i = 0; i < d->credit_count; i++)
		if (d->credits[i].role == role && strcmp(d->credits[i].person, person) == 0)
			return &d->credits[i];
	return NULL;
}

static size_t count_role(const struct title_doc *d, enum credit_role role)
{
	size_t n = 0;
	for (size_t i = 0; i < d->credit_count; i++)
		n += d->credits[i].role == role;
	return n;
}

static void test_seed_article(void **state)
{
	(void)state;
	size_t len;
	char *data = test_read_seed(&len);
	struct title_doc d;
	struct import_error err;
	assert_int_equal(parse(data, len, &d, &err), BG_OK);

	assert_string_equal(d.name, "Jessica Jones");
	assert_string_equal(d.source_key, "Jessica Jones (TV series)");
	assert_int_equal(d.kind, TITLE_SERIES);
	assert_string_equal(d.first_aired, "2015-11-20");
	assert_string_equal(d.status, "cancelled");
	assert_string_equal(d.status_date, "2019-02-18");
	assert_int_equal(d.runtime_min, 44);
	assert_int_equal(d.runtime_max, 56);
	assert_int_equal(d.season_count, 3);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(d.seasons[i].number, (int)i + 1);
		assert_int_equal(d.seasons[i].episode_count, 13);
	}
	assert_int_equal(d.genres.n, 4);
	assert_string_equal(d.genres.items[2], "Psychological thriller");
	assert_string_equal(d.countries.items[0], "United States");
	assert_string_equal(d.languages.items[0], "English");
	assert_string_equal(d.locations.items[0], "New York City");
	assert_int_equal(d.platforms.n, 1);
	assert_string_equal(d.platforms.items[0], "Netflix");
	assert_int_equal(d.companies.n, 3);
	assert_string_equal(d.related.items[0], "Marvel's Netflix television series");
	assert_int_equal(d.extra_count, 0); /* every key of the seed is modelled */

	assert_non_null(find_credit(&d, ROLE_CREATOR, "Melissa Rosenberg"));
	assert_int_equal(count_role(&d, ROLE_SHOWRUNNER), 2);
	assert_non_null(find_credit(&d, ROLE_SHOWRUNNER, "Scott Reynolds"));
	assert_non_null(find_credit(&d, ROLE_COMPOSER, "Sean Callery"));
	assert_int_equal(count_role(&d, ROLE_EXECUTIVE_PRODUCER), 17);
	assert_int_equal(count_role(&d, ROLE_PRODUCER), 1);
	assert_int_equal(count_role(&d, ROLE_EDITOR), 7);
	assert_non_null(find_credit(&d, ROLE_EDITOR, "Trey Ordoñez"));
	assert_int_equal(count_role(&d, ROLE_CINEMATOGRAPHER), 2);

	/* 16 cast credits, in Starring order, each with a character. */
	assert_int_equal(count_role(&d, ROLE_CAST), 16);
	const struct credit *first = NULL;
	for (size_t i = 0; i < d.credit_count && !first; i++)
		if (d.credits[i].role == ROLE_CAST)
			first = &d.credits[i];
	assert_string_equal(first->person, "Krysten Ritter");
	for (size_t i = 0; i < d.credit_count; i++)
		if (d.credits[i].role == ROLE_CAST)
			assert_non_null(d.credits[i].character);
	const struct credit *k = find_credit(&d, ROLE_CAST, "David Tennant");
	assert_non_null(k);
	assert_string_equal(k->character, "Kilgrave");
	assert_non_null(strstr(k->description, "A man from Jones' past who can control minds."));
	const struct credit *t = find_credit(&d, ROLE_CAST, "Rachael Taylor");
	assert_string_equal(t->character, "Patricia \"Trish\" Walker");
	const struct credit *kith = find_credit(&d, ROLE_CAST, "Sarita Choudhury");
	assert_string_equal(kith->character, "Kith Lyonne");
	assert_string_equal(kith->description, "A concert cellist and Jeri's former flame");

	/* Synopsis: the lead, then the Plot section. */
	assert_true(strncmp(d.synopsis, "Marvel's Jessica Jones is an American", 37) == 0);
	assert_non_null(strstr(d.synopsis, "Gregory Sallinger, an enemy"));
	assert_null(strstr(d.synopsis, "Infobox"));
	assert_null(strstr(d.synopsis, "- Genre"));

	/* Sections keep the rest, tables included. */
	bool has_home_media = false;
	for (size_t i = 0; i < d.section_count; i++)
		if (strcmp(d.sections[i].heading, "Home media") == 0) {
			has_home_media = true;
			assert_int_equal(d.sections[i].level, 3);
			assert_non_null(strstr(d.sections[i].body, "| Region 1 |"));
		}
	assert_true(has_home_media);

	title_doc_release(&d);
	free(data);
}

/* The seed with CRLF line ends and a BOM parses to the same document. */
static void test_crlf_and_bom_are_equivalent(void **state)
{
	(void)state;
	size_t len;
	char *data = test_read_seed(&len);
	struct buf crlf = BUF_INIT(BUF_MAX_LARGE);
	buf_adds(&crlf, "\xEF\xBB\xBF");
	for (size_t i = 0; i < len; i++) {
		if (data[i] == '\n')
			buf_addch(&crlf, '\r');
		buf_addch(&crlf, data[i]);
	}
	struct title_doc a, b;
	struct import_error err;
	assert_int_equal(parse(data, len, &a, &err), BG_OK);
	assert_int_equal(parse(crlf.ptr, crlf.len, &b, &err), BG_OK);
	assert_string_equal(a.name, b.name);
	assert_string_equal(a.synopsis, b.synopsis);
	assert_int_equal(a.credit_count, b.credit_count);
	for (size_t i = 0; i < a.credit_count; i++) {
		assert_string_equal(a.credits[i].person, b.credits[i].person);
		if (a.credits[i].description)
			assert_string_equal(a.credits[i].description, b.credits[i].description);
	}
	assert_int_equal(a.section_count, b.section_count);
	for (size_t i = 0; i < a.section_count; i++)
		assert_string_equal(a.sections[i].body, b.sections[i].body);
	title_doc_release(&a);
	title_doc_release(&b);
	buf_release(&crlf);
	free(data);
}

static void test_other_series_fewer_keys(void **state)
{
	(void)state;
	size_t len;
	char *data = test_read("BINGE_TEST_DATA", "daredevil_crlf_bom.txt", &len);
	struct title_doc d;
	struct import_error err;
	assert_int_equal(parse(data, len, &d, &err), BG_OK);
	assert_string_equal(d.name, "Daredevil");
	assert_int_equal(d.kind, TITLE_SERIES);
	assert_string_equal(d.first_aired, "2015-04-10");
	assert_string_equal(d.status, "cancelled"); /* from the Status key */
	assert_string_equal(d.rating_system, "US TV");
	assert_string_equal(d.rating_value, "TV-MA");
	assert_string_equal(d.platforms.items[0], "Netflix");
	assert_int_equal(d.extra_count, 1);
	assert_string_equal(d.extras[0].key, "Budget");
	assert_string_equal(d.extras[0].value, "$40 million");
	/* Main and Recurring sub-sections both feed the cast. */
	assert_int_equal(count_role(&d, ROLE_CAST), 6);
	const struct credit *c = find_credit(&d, ROLE_CAST, "Charlie Cox");
	assert_string_equal(c->character, "Matt Murdock / Daredevil");
	assert_string_equal(c->description,
	                    "A lawyer blinded as a child who fights crime at night.");
	assert_non_null(find_credit(&d, ROLE_CAST, "Ayelet Zurer"));
	assert_non_null(strstr(d.synopsis, "Matt Murdock, blinded as a boy")); /* Premise */
	title_doc_release(&d);
	free(data);
}

static void test_film(void **state)
{
	(void)state;
	size_t len;
	char *data = test_read("BINGE_TEST_DATA", "example_film.txt", &len);
	struct title_doc d;
	struct import_error err;
	assert_int_equal(parse(data, len, &d, &err), BG_OK);
	assert_int_equal(d.kind, TITLE_FILM);
	assert_string_equal(d.name, "The Quiet Harbour");
	assert_string_equal(d.first_aired, "2019-03-08");
	assert_int_equal(d.runtime_min, 118);
	assert_int_equal(d.runtime_max, 118);
	assert_string_equal(d.rating_system, "MPA");
	assert_int_equal(d.season_count, 0);
	assert_int_equal(count_role(&d, ROLE_DIRECTOR), 1);
	assert_int_equal(count_role(&d, ROLE_WRITER), 2);
	assert_int_equal(d.countries.n, 2);
	title_doc_release(&d);
	free(data);
}

/* Parses text expecting failure at line; message must contain want. */
static void expect_error(const char *data, size_t len, size_t line, const char *want)
{
	struct title_doc d;
	struct import_error err;
	assert_int_not_equal(parse(data, len, &d, &err), BG_OK);
	if (!strstr(err.message, want))
		fail_msg("message '%s' lacks '%s'", err.message, want);
	assert_int_equal(err.line, line);
	title_doc_release(&d);
}

/* For literals: the length is the literal's, NULs included. */
#define EXPECT_ERROR(lit, line, want) expect_error(lit, sizeof(lit) - 1, line, want)

static void test_bad_input(void **state)
{
	(void)state;
	EXPECT_ERROR("", 0, "empty");
	EXPECT_ERROR("\n\n  \n", 0, "no '= Title =' line");
	EXPECT_ERROR("Just prose\n", 1, "expected a '= Title =' line");
	EXPECT_ERROR("== Section ==\n", 1, "expected a '= Title =' line");
	EXPECT_ERROR("= T =\nok\n\x01\x02\x03\n", 3, "binary data");
	EXPECT_ERROR("= T =\nab\0cd\n", 2, "binary data (byte 0x00)");
	EXPECT_ERROR("= T =\ncaf\xC3\n", 2, "invalid UTF-8");
	EXPECT_ERROR("= T =\ncaf\xC3", 2, "ends inside a multi-byte character");
	EXPECT_ERROR("= T =\n\xED\xA0\x80\n", 2, "invalid UTF-8");
	EXPECT_ERROR("= T =\nInfobox\n- First Aired: soon\n", 3, "'First Aired' is not a date");
	EXPECT_ERROR("= T =\nInfobox\n- Num Seasons: many\n", 3, "'Num Seasons' is not a count");
	EXPECT_ERROR("= T =\nInfobox\n- Num Seasons: 100000\n", 3, "is not a count");
	EXPECT_ERROR("= T =\nInfobox\n- Runtime: long\n", 3, "not a runtime");
	EXPECT_ERROR("= T =\nInfobox\n- : x\n", 3, "empty key");
	EXPECT_ERROR("= T =\n= U =\n", 2, "second '= Title ='");
}

static void test_line_too_long(void **state)
{
	(void)state;
	size_t n = IMPORT_WIKI_MAX_LINE + 100;
	char *data = xmalloc(n + 7);
	memcpy(data, "= T =\n", 6);
	memset(data + 6, 'a', n);
	data[6 + n] = '\n';
	expect_error(data, n + 7, 2, "longer than");
	free(data);
}

static void test_minimal_article(void **state)
{
	(void)state;
	const char *text = "= Minimal =\nA show.\n";
	struct title_doc d;
	struct import_error err;
	assert_int_equal(parse(text, strlen(text), &d, &err), BG_OK);
	assert_string_equal(d.name, "Minimal");
	assert_string_equal(d.synopsis, "A show.");
	assert_int_equal(d.season_count, 0);
	assert_null(d.status);
	title_doc_release(&d);
}

static void test_uneven_episode_split(void **state)
{
	(void)state;
	const char *text = "= S =\nInfobox\n- Num Seasons: 3\n- Num Episodes: 20\n";
	struct title_doc d;
	struct import_error err;
	assert_int_equal(parse(text, strlen(text), &d, &err), BG_OK);
	assert_int_equal(d.seasons[0].episode_count, 7);
	assert_int_equal(d.seasons[1].episode_count, 7);
	assert_int_equal(d.seasons[2].episode_count, 6);
	assert_int_equal(title_doc_episode_count(&d), 20);
	title_doc_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_seed_article),
	        cmocka_unit_test(test_crlf_and_bom_are_equivalent),
	        cmocka_unit_test(test_other_series_fewer_keys),
	        cmocka_unit_test(test_film),
	        cmocka_unit_test(test_bad_input),
	        cmocka_unit_test(test_line_too_long),
	        cmocka_unit_test(test_minimal_article),
	        cmocka_unit_test(test_uneven_episode_split),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
