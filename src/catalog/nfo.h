/*
 * nfo.h - Kodi/Jellyfin NFO files (the XML a media folder carries beside its
 * videos) read into the catalogue's terms.
 *
 *   tvshow.nfo          <tvshow>          the series
 *   season.nfo          <season>          a season (its number, name, plot)
 *   Name S01E02.nfo     <episodedetails>  the episode beside it
 *   movie.nfo, Name.nfo <movie>           a film
 *
 * Read: title, originaltitle, plot (or outline), tagline, genre, studio,
 * country, premiered/aired (or year), runtime, mpaa and certification (the
 * US entry becomes the title's rating; others are kept as an extra),
 * status, actors (name, role, order), director, credits (Kodi's writers),
 * uniqueid (imdb/tmdb/tvdb...) and ratings (name, value, max, votes).
 * What the catalogue has no column for (original title, tagline, ids,
 * ratings, other countries' certifications) goes to the doc's extras, which
 * the API shows. Parsing uses libxml2 with no network and no external
 * entities; the text after the root element (Kodi allows a scraper URL
 * there) is ignored.
 */
#ifndef BINGE_CATALOG_NFO_H
#define BINGE_CATALOG_NFO_H

#include <stddef.h>

#include "catalog/title_doc.h"
#include "core/err.h"

enum nfo_kind { NFO_SHOW, NFO_SEASON, NFO_EPISODE, NFO_MOVIE };

struct nfo {
	enum nfo_kind kind;
	/* kind SERIES, SEASON, EPISODE or FILM; name may be NULL (not given).
	 * Cast credits carry their role as character, in the file's order
	 * (<order> first where given). */
	struct title_doc doc;
	int season, episode; /* <season>/<seasonnumber>, <episode>; 0 when not given */
};

/*
 * Parses the NFO text xml of len bytes into out (release with
 * nfo_release(), also after an error). Errors: BG_INVALID with msg naming
 * the line and what is wrong (not XML, not an NFO root element).
 */
enum bg_err nfo_parse(const char *xml, size_t len, struct nfo *out, char *msg, size_t msg_len);

void nfo_release(struct nfo *n);

/*
 * Merges what the NFO n says about a series or film into doc (the title as
 * stored). The name stays (a scan finds the title by its folder's name; a
 * different NFO title is kept as the extra "nfo_title"). With nfo_wins (a title the scan made,
 * whose only source is the folder) every field n gives replaces doc's, and its lists replace doc's;
 * otherwise (a title an importer made) n fills only what doc lacks, and
 * adds the credits doc does not have. Extras are added when doc lacks the
 * key. Writing the result again changes nothing (docs/catalogue.md).
 */
void nfo_merge(struct title_doc *doc, const struct nfo *n, bool nfo_wins);

#endif
