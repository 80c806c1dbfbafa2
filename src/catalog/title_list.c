/* title_list.c - releasing catalogue list items; see title_list.h. */
#include "catalog/title_list.h"

#include <stdlib.h>

#include "core/banned.h"

void title_rows_release(struct title_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++) {
		free(rows->items[i].name);
		free(rows->items[i].rating);
		free(rows->items[i].synopsis);
	}
	free(rows->items);
	*rows = (struct title_rows)TITLE_ROWS_INIT;
}

void search_hits_release(struct search_hits *hits)
{
	for (size_t i = 0; i < hits->n; i++) {
		free(hits->items[i].title);
		free(hits->items[i].person);
		free(hits->items[i].role);
		free(hits->items[i].character);
	}
	free(hits->items);
	*hits = (struct search_hits)SEARCH_HITS_INIT;
}
