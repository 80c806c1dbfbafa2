/* language.c - language codes; see language.h. */
#include "core/language.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/banned.h"

struct language {
	const char *tag;   /* ISO 639-1 */
	const char *code;  /* ISO 639-2/B, what binge keeps */
	const char *other; /* ISO 639-2/T where it differs, else NULL */
	const char *name;
};

static const struct language languages[] = {
        {"af", "afr", NULL, "Afrikaans"},   {"ar", "ara", NULL, "Arabic"},
        {"bg", "bul", NULL, "Bulgarian"},   {"bn", "ben", NULL, "Bengali"},
        {"ca", "cat", NULL, "Catalan"},     {"cs", "cze", "ces", "Czech"},
        {"cy", "wel", "cym", "Welsh"},      {"da", "dan", NULL, "Danish"},
        {"de", "ger", "deu", "German"},     {"el", "gre", "ell", "Greek"},
        {"en", "eng", NULL, "English"},     {"es", "spa", NULL, "Spanish"},
        {"et", "est", NULL, "Estonian"},    {"eu", "baq", "eus", "Basque"},
        {"fa", "per", "fas", "Persian"},    {"fi", "fin", NULL, "Finnish"},
        {"fr", "fre", "fra", "French"},     {"ga", "gle", NULL, "Irish"},
        {"gl", "glg", NULL, "Galician"},    {"he", "heb", NULL, "Hebrew"},
        {"hi", "hin", NULL, "Hindi"},       {"hr", "hrv", NULL, "Croatian"},
        {"hu", "hun", NULL, "Hungarian"},   {"id", "ind", NULL, "Indonesian"},
        {"is", "ice", "isl", "Icelandic"},  {"it", "ita", NULL, "Italian"},
        {"ja", "jpn", NULL, "Japanese"},    {"ko", "kor", NULL, "Korean"},
        {"lt", "lit", NULL, "Lithuanian"},  {"lv", "lav", NULL, "Latvian"},
        {"ms", "may", "msa", "Malay"},      {"nb", "nob", NULL, "Norwegian Bokmål"},
        {"nl", "dut", "nld", "Dutch"},      {"no", "nor", NULL, "Norwegian"},
        {"pl", "pol", NULL, "Polish"},      {"pt", "por", NULL, "Portuguese"},
        {"ro", "rum", "ron", "Romanian"},   {"ru", "rus", NULL, "Russian"},
        {"sk", "slo", "slk", "Slovak"},     {"sl", "slv", NULL, "Slovenian"},
        {"sr", "srp", NULL, "Serbian"},     {"sv", "swe", NULL, "Swedish"},
        {"sw", "swa", NULL, "Swahili"},     {"ta", "tam", NULL, "Tamil"},
        {"te", "tel", NULL, "Telugu"},      {"th", "tha", NULL, "Thai"},
        {"tl", "tgl", NULL, "Tagalog"},     {"tr", "tur", NULL, "Turkish"},
        {"uk", "ukr", NULL, "Ukrainian"},   {"ur", "urd", NULL, "Urdu"},
        {"vi", "vie", NULL, "Vietnamese"},  {"zh", "chi", "zho", "Chinese"},
};

#define LANGUAGES_N (sizeof(languages) / sizeof(languages[0]))

static const struct language *find(const char *text)
{
	for (size_t i = 0; i < LANGUAGES_N; i++) {
		const struct language *l = &languages[i];
		if (strcasecmp(text, l->tag) == 0 || strcasecmp(text, l->code) == 0 ||
		    (l->other && strcasecmp(text, l->other) == 0) || strcasecmp(text, l->name) == 0)
			return l;
	}
	return NULL;
}

bool language_normalize(const char *text, char out[LANGUAGE_CODE_MAX])
{
	snprintf(out, LANGUAGE_CODE_MAX, "und");
	if (!text)
		return false;
	const struct language *l = find(text);
	if (l) {
		snprintf(out, LANGUAGE_CODE_MAX, "%s", l->code);
		return true;
	}
	/* Another 639-2 code is kept; "und", "mul", "zxx" say no one language. */
	if (strlen(text) != 3 || !isalpha((unsigned char)text[0]) ||
	    !isalpha((unsigned char)text[1]) || !isalpha((unsigned char)text[2]))
		return false;
	char code[LANGUAGE_CODE_MAX];
	for (int i = 0; i < 3; i++)
		code[i] = (char)tolower((unsigned char)text[i]);
	code[3] = '\0';
	if (strcmp(code, "und") == 0 || strcmp(code, "mul") == 0 || strcmp(code, "zxx") == 0 ||
	    strcmp(code, "mis") == 0)
		return false;
	memcpy(out, code, sizeof(code));
	return true;
}

const char *language_name(const char *code)
{
	if (!code || strcmp(code, "und") == 0 || !*code)
		return "Unknown language";
	const struct language *l = find(code);
	return l ? l->name : code;
}

const char *language_tag(const char *code)
{
	const struct language *l = code ? find(code) : NULL;
	return l ? l->tag : code && *code ? code : "und";
}

const char *language_of_territory(const char *territory)
{
	static const struct {
		const char *territory, *code;
	} spoken[] = {
	        {"AR", "spa"}, {"AT", "ger"}, {"BE", "dut"}, {"BG", "bul"}, {"BR", "por"},
	        {"CH", "ger"}, {"CL", "spa"}, {"CN", "chi"}, {"CO", "spa"}, {"CZ", "cze"},
	        {"DE", "ger"}, {"DK", "dan"}, {"EE", "est"}, {"EG", "ara"}, {"ES", "spa"},
	        {"FI", "fin"}, {"FR", "fre"}, {"GR", "gre"}, {"HR", "hrv"}, {"HU", "hun"},
	        {"ID", "ind"}, {"IL", "heb"}, {"IN", "hin"}, {"IS", "ice"}, {"IT", "ita"},
	        {"JP", "jpn"}, {"KR", "kor"}, {"LT", "lit"}, {"LV", "lav"}, {"MX", "spa"},
	        {"MY", "may"}, {"NL", "dut"}, {"NO", "nor"}, {"PE", "spa"}, {"PH", "tgl"},
	        {"PL", "pol"}, {"PT", "por"}, {"RO", "rum"}, {"RS", "srp"}, {"RU", "rus"},
	        {"SA", "ara"}, {"SE", "swe"}, {"SI", "slv"}, {"SK", "slo"}, {"TH", "tha"},
	        {"TR", "tur"}, {"TW", "chi"}, {"UA", "ukr"}, {"VN", "vie"},
	};
	for (size_t i = 0; territory && i < sizeof(spoken) / sizeof(spoken[0]); i++)
		if (strcasecmp(territory, spoken[i].territory) == 0)
			return spoken[i].code;
	return "eng";
}
