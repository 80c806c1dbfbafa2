#!/usr/bin/env bash
# Bad input: a clear error naming file and line, exit 1, database untouched.
. "$(dirname "$0")/lib.sh"

run 0 "$BINGE" import wiki "$SEED"
before=$(dbdump)

bad="$WORK/bad"
mkdir -p "$bad"
: >"$bad/empty.txt"
printf '\n\n   \n' >"$bad/blank.txt"
printf 'Just a paragraph.\n' >"$bad/no_title.txt"
printf '\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00' >"$bad/binary.bin"
printf '= T =\nfine\ncaf\xe9 latin-1\n' >"$bad/latin1.txt"
printf '= T =\nline\ncut \xe2\x80' >"$bad/cut.txt"
{ printf '= T =\n'; head -c 10000000 /dev/zero | tr '\0' a; printf '\n'; } >"$bad/long_line.txt"
printf '= Jessica Jones (TV series) =\nInfobox\n- First Aired: someday\n' >"$bad/bad_date.txt"

check_bad() { # FILE LINE_TEXT
	run 1 "$BINGE" import wiki "$1"
	contains "$err" "'$1'" "error names the file"
	contains "$err" "$2" "error says what is wrong"
	eq "$(dbdump)" "$before" "database unchanged after $(basename "$1")"
}
check_bad "$bad/empty.txt" "the file is empty"
check_bad "$bad/blank.txt" "no '= Title =' line"
check_bad "$bad/no_title.txt" "line 1: expected a '= Title =' line"
check_bad "$bad/binary.bin" "line 1: binary data"
check_bad "$bad/latin1.txt" "line 3: invalid UTF-8"
check_bad "$bad/cut.txt" "line 3: invalid UTF-8 at byte 5 (the file ends inside a multi-byte character)"
check_bad "$bad/long_line.txt" "line 2: the line is longer than"
check_bad "$bad/bad_date.txt" "line 3: 'First Aired' is not a date"
check_bad "$WORK/missing.txt" "No such file"

# One bad file among good ones: nothing is imported.
run 1 "$BINGE" import wiki "$DATA/example_film.txt" "$bad/cut.txt"
eq "$(dbdump)" "$before" "database unchanged after a mixed batch"

# A database from a newer binge is refused, and left alone.
sql "INSERT INTO binge_schema VALUES (999, 'future', '2030-01-01T00:00:00Z')"
newer=$(dbdump)
run 1 "$BINGE" titles
contains "$err" "schema version 999 is newer than this binge supports" "newer schema refused"
eq "$(dbdump)" "$newer" "newer database untouched"

# A file that is not a database.
printf 'not a database at all, just text padding to pass one header length....................................................' >"$WORK/junk.db"
run 1 "$BINGE" titles --db "$WORK/junk.db"
contains "$err" "junk.db" "non-database named"
pass
