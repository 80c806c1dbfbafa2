#!/usr/bin/env bash
# Writes binge's man pages from its own --help, so the two cannot drift:
# binge.1 from `binge --help`, binge-COMMAND.1 from `binge COMMAND --help`.
# The help text is kept as it is (preformatted), under NAME and SYNOPSIS
# sections man(1) and apropos(1) read.
#
#   scripts/man.sh BINGE OUTDIR
set -euo pipefail
binge=$1
out=$2
mkdir -p "$out"
version=$("$binge" --version | awk '{print $2}')
today=$(date -u +%Y-%m-%d)

# roff: a line starting with . or ' is a request, and \ escapes; keep the text literal.
literal() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }

page() { # NAME SUMMARY HELP-TEXT-FILE OUTPUT
	{
		printf '.TH %s 1 "%s" "binge %s" "binge manual"\n' "$(tr '[:lower:]' '[:upper:]' <<<"$1")" "$today" "$version"
		printf '.SH NAME\n%s \\- %s\n' "$1" "$2"
		printf '.SH DESCRIPTION\n.nf\n'
		literal <"$3"
		printf '.fi\n.SH SEE ALSO\n'
		if [ "$1" = binge ]; then
			printf 'binge\\-COMMAND(1) for each command; docs/ in the source tree.\n'
		else
			printf 'binge(1)\n'
		fi
	} >"$4"
}

"$binge" --help >"$out/binge.help"
page binge "a streaming-service engine" "$out/binge.help" "$out/binge.1"
sed -n 's/^  \([a-z][a-z]*\)  *\(.*\)$/\1\t\2/p' "$out/binge.help" | while IFS=$'\t' read -r cmd summary; do
	"$binge" "$cmd" --help >"$out/binge-$cmd.help"
	page "binge-$cmd" "$summary" "$out/binge-$cmd.help" "$out/binge-$cmd.1"
done
rm -f "$out"/*.help
