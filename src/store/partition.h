/*
 * partition.h - a table's partitions by month of a text time column
 * ("YYYY-MM-DDTHH:MM:SSZ"), where the engine partitions it (PostgreSQL:
 * the event log, migration 0044). The table has a default partition,
 * TABLE_default, that takes the rows of any month without its own, so a
 * write never waits for DDL; these functions give months their own,
 * TABLE_pYYYY_MM, bounded [month, next month) in the time's byte order.
 * On SQLite every call succeeds and does nothing.
 *
 * Making a partition locks the whole table (PostgreSQL takes ACCESS
 * EXCLUSIVE on the parent): it waits for every transaction writing the
 * table. So it runs in a transaction of its own, before a writer starts
 * (partition_month_ensure), or inside one that holds the table alone
 * already (partition_month_create_locked: a bulk load).
 */
#ifndef BINGE_STORE_PARTITION_H
#define BINGE_STORE_PARTITION_H

#include <stdbool.h>

#include "core/err.h"

struct store;

/* The length of a month's text, "YYYY-MM". */
#define PARTITION_MONTH_LEN 7

/* True when the engine partitions tables by month. */
bool partition_by_month(const struct store *st);

/*
 * The month that time (its first 7 bytes) falls in, into month[8]; false
 * when time does not start "YYYY-MM" with a month 01-12.
 */
bool partition_month_of(const char *time, char month[PARTITION_MONTH_LEN + 1]);

/*
 * Outside a transaction: gives month its own partition of table when it has
 * none, moving the month's rows out of the default partition, in one
 * transaction of its own (several servers may race: one makes it). The
 * connection remembers partitions it has seen, so this asks the database
 * once per month. BG_BUSY when the table could not be locked within a
 * second (a long reader holds it): the month's rows go to the default
 * partition meanwhile, and this connection tries again a minute later
 * (BG_BUSY at once until then).
 */
enum bg_err partition_month_ensure(struct store *st, const char *table, const char *column,
                                   const char *month);

/* The same inside the caller's transaction, which must hold table alone. */
enum bg_err partition_month_create_locked(struct store *st, const char *table, const char *column,
                                          const char *month);

/*
 * Outside a transaction: every month with rows in table's default partition
 * gets its own (after a load that wrote months nobody had made), but a
 * month that is busy (above) keeps them there. *moved (may be NULL) gets
 * the number of months given one.
 */
enum bg_err partition_settle(struct store *st, const char *table, const char *column, long *moved);

/*
 * Outside a transaction on st: every month with rows of table in source
 * (any engine) gets its partition in st, before a copy writes them (a busy
 * month's rows go to the default partition).
 */
enum bg_err partition_prepare_like(struct store *st, struct store *source, const char *table,
                                   const char *column);

#endif
