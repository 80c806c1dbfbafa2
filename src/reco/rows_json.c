/* rows_json.c - recommendation rows as JSON; see rows_json.h. */
#include "reco/rows_json.h"

#include "core/banned.h"

json_t *reco_row_items_json(const struct reco_row *row)
{
	json_t *items = json_array();
	for (size_t i = 0; i < row->n; i++)
		json_array_append_new(
		        items, json_pack("{s:I,s:s,s:s,s:f}", "id", (json_int_t)row->items[i].id,
		                         "kind", row->items[i].kind, "title", row->items[i].name,
		                         "score", row->scores[i]));
	return items;
}

json_t *reco_row_json(const struct reco_row *row)
{
	json_t *out = json_pack("{s:s,s:s,s:o}", "id", row->id, "title", row->title, "items",
	                        reco_row_items_json(row));
	if (row->because)
		json_object_set_new(out, "because", json_integer(row->because));
	return out;
}
