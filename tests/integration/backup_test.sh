#!/usr/bin/env bash
# binge backup and binge restore: a consistent copy of a database being
# written to, with the signing key and the models, checked against its
# checksums and schema before anything is restored. SQLite; on PostgreSQL
# both point at pg_dump and pg_restore (docs/deploy.md).
. "$(dirname "$0")/lib.sh"
demo_setup
if [ "$ENGINE" = postgres ]; then
	run 1 "$BINGE" backup "$WORK/backup"
	contains "$err" "backed up with pg_dump" "PostgreSQL: its own tools"
	[ ! -e "$WORK/backup" ] || fail "a refused backup left a folder"
	run 2 "$BINGE" restore "$WORK/backup"
	contains "$err" "restored with pg_restore" "PostgreSQL: its own tools"
	pass
	exit 0
fi
head -c 32 /dev/urandom >"$WORK/url.key"
mkdir -p "$WORK/models"
head -c 20000 /dev/urandom >"$WORK/models/ials-1.bundle"
users_before=$(sql "SELECT COUNT(*) FROM app_user")

# Under write load: accounts are added while the backup runs.
( i=0; while :; do i=$((i + 1)); "$BINGE" user add "load$i" --territory US <<<"load-password" >/dev/null 2>&1 || true; done ) &
load=$!
sleep 0.5
run 0 "$BINGE" backup "$WORK/backup" --models "$WORK/models" --json
sleep 0.3
kill "$load"; wait "$load" 2>/dev/null || true
eq "$(jq -c '[.files, .schema > 30]' <<<"$out")" "[3,true]" "the database, the key and a model"
eq "$(sqlite3 "$WORK/backup/binge.db" "PRAGMA integrity_check")" "ok" "a consistent copy while written to"
users_backed=$(sqlite3 "$WORK/backup/binge.db" "SELECT COUNT(*) FROM app_user")
[ "$users_backed" -ge "$users_before" ] && [ "$users_backed" -le "$(sql "SELECT COUNT(*) FROM app_user")" ] ||
	fail "the backup's $users_backed accounts are not between $users_before and the end's"
checks=$((checks + 1))
run 1 "$BINGE" backup "$WORK/backup"
contains "$err" "exists: a backup goes into a new folder" "never over an earlier backup"

# Restore elsewhere: checked, then identical.
mkdir -p "$WORK/r"
run 0 "$BINGE" restore "$WORK/backup" --db "$WORK/r/binge.db" --models "$WORK/r/models" --json
eq "$(jq -c '[.files, .restored]' <<<"$out")" "[3,\"$WORK/r/binge.db\"]" "restored"
eq "$(dbdump "$WORK/r/binge.db")" "$(dbdump "$WORK/backup/binge.db")" "the restored database is the backup's"
cmp -s "$WORK/url.key" "$WORK/r/url.key" && cmp -s "$WORK/models/ials-1.bundle" "$WORK/r/models/ials-1.bundle" ||
	fail "the key or the model differs"
checks=$((checks + 1))
run 0 "$BINGE" titles --db "$WORK/r/binge.db" --json
contains "$out" "Jessica Jones" "the restored database opens and answers"
run 1 "$BINGE" restore "$WORK/backup" --db "$WORK/r/binge.db" --models "$WORK/r/models"
contains "$err" "exists: restore with --force to replace it" "nothing replaced without --force"
run 0 "$BINGE" restore "$WORK/backup" --db "$WORK/r/binge.db" --models "$WORK/r/models" --force

# A damaged backup, or one from a newer binge: refused, nothing written.
cp -r "$WORK/backup" "$WORK/damaged"
printf 'X' | dd of="$WORK/damaged/binge.db" bs=1 seek=5000 conv=notrunc 2>/dev/null
run 1 "$BINGE" restore "$WORK/damaged" --db "$WORK/d/binge.db" --models "$WORK/d/models"
contains "$err" "'binge.db' does not match its checksum: the backup is damaged" "a damaged file named"
[ ! -e "$WORK/d/binge.db" ] || fail "a refused restore wrote the database"
checks=$((checks + 1))
cp -r "$WORK/backup" "$WORK/newer"
sed -i 's/^schema .*/schema 9999/' "$WORK/newer/MANIFEST"
run 1 "$BINGE" restore "$WORK/newer" --db "$WORK/n/binge.db"
contains "$err" "made by a newer binge (schema 9999" "a newer schema refused"
rm "$WORK/newer/url.key"
sed -i 's/^schema .*/schema 1/' "$WORK/newer/MANIFEST"
run 1 "$BINGE" restore "$WORK/newer" --db "$WORK/n/binge.db"
contains "$err" "'url.key' is missing from the backup" "a missing file named"
run 1 "$BINGE" restore "$WORK/nowhere"
contains "$err" "is not a backup" "not a backup"
pass
