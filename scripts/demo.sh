#!/usr/bin/env bash
# The main job of `make run`: the article's catalogue with its licence story,
# a demo admin and a demo viewer (an adult and a kids profile), then the
# server. Safe to run again: existing demo accounts are kept.
#
#   scripts/demo.sh BINGE SEEDS_DIR [LISTEN]
set -euo pipefail
binge=$1
seeds=$2
listen=${3:-127.0.0.1:8080}

"$binge" import wiki "$seeds"/*.txt
if ! "$binge" user list --json | jq -e '.items[] | select(.name == "demo-admin")' >/dev/null; then
	echo "demo-admin-password" | "$binge" user add demo-admin --territory US --admin
	echo "demo-viewer-password" | "$binge" user add demo-viewer --territory US
	"$binge" profile add demo-viewer Adult
	echo 1234 | "$binge" profile add demo-viewer Kids --kids --ceiling TV-14 --pin
fi
# The article's story: Netflix everywhere from the premiere until 2022-03-01,
# Disney+ in six countries from 2022-03-16 and in its other markets by the
# end of 2022; every season released at once; rated TV-MA.
"$binge" rating set "Jessica Jones" TV-MA
"$binge" avail clear "Jessica Jones"
"$binge" avail add "Jessica Jones" --platform Netflix --territories worldwide --from 2015-11-20 --until 2022-03-01
"$binge" avail add "Jessica Jones" --platform Disney+ --territories US,CA,GB,IE,AU,NZ --from 2022-03-16
"$binge" avail add "Jessica Jones" --platform Disney+ --territories worldwide --from 2022-12-31
"$binge" release set "Jessica Jones" --season 1 --all-at-once 2015-11-20
"$binge" release set "Jessica Jones" --season 2 --all-at-once 2018-03-08
"$binge" release set "Jessica Jones" --season 3 --all-at-once 2019-06-14

cat <<INFO

Demo logins (POST /api/v1/login):
  admin   demo-admin  / demo-admin-password
  viewer  demo-viewer / demo-viewer-password  (profiles: Adult; Kids, PIN 1234, ceiling TV-14)
Try:
  T=\$(curl -s -d '{"username":"demo-viewer","password":"demo-viewer-password"}' http://$listen/api/v1/login | jq -r .token)
  curl -s -H "Authorization: Bearer \$T" http://$listen/api/v1/profiles
Stop the server with Ctrl-C.

INFO
exec "$binge" serve --listen "$listen"
