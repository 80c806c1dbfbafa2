#!/usr/bin/env bash
# The authorization matrix, generated from the route table itself (`binge
# routes --json`, which prints src/http/routes.c): every route is called as
# every kind of caller, and each answer's class is checked against the
# access class the route declares. A route added tomorrow is covered the
# moment it is added; one without a declaration fails here.
#
# Answer classes: "admit" (the route's own answer: no `error.needs`, which
# only the access check sets), 401 or 403 refused by the access check with
# `error.needs` naming the route's class.
. "$(dirname "$0")/lib.sh"
demo_setup
run 0 "$BINGE" profile add viewer Little --kids --ceiling TV-Y7
run 0 "$BINGE" profile add admin Tots --kids --ceiling TV-Y
# Profiles the account callers may delete (DELETE /profiles/{id} is real):
# never one another caller's token stands on.
run 0 "$BINGE" profile add viewer Spare1
run 0 "$BINGE" profile add viewer Spare2
run 0 "$BINGE" profile add admin Spare3
run 0 "$BINGE" user add spare --territory US <<<"spare-secret" # the admin may delete it
SPARE_USER=$(sql "SELECT id FROM app_user WHERE name = 'spare'")
mkdir -p "$WORK/library"
run 0 "$BINGE" library add "$WORK/library"
LIB=$(sql "SELECT id FROM library LIMIT 1")
TITLE=$(sql "SELECT id FROM title WHERE name = 'Jessica Jones' AND kind = 'series'")
PERSON=$(sql "SELECT id FROM person ORDER BY id LIMIT 1")
MEDIA=999999 # no such file: the route still answers (404) once the caller is admitted
pid() { sql "SELECT p.id FROM profile p JOIN app_user u ON u.id = p.user_id WHERE u.name = '$1' AND p.name = '$2'"; }
ADULT_ID=$(pid viewer Adult)
PIN_ID=$(pid viewer Kids)
LITTLE_ID=$(pid viewer Little)
declare -A DELETE_ID=([account]=$(pid viewer Spare1) [pin_without_pin]=$(pid viewer Spare2)
	[admin]=$(pid admin Spare3) [other_account]=$(pid viewer Spare1))
TOTS_ID=$(pid admin Tots)

run 0 "$BINGE" routes --json
routes=$(jq -r '.routes[] | "\(.method) \(.path) \(.access)"' <<<"$out")
[ "$(wc -l <<<"$routes")" -ge 40 ] || fail "too few routes: $routes"
undeclared=$(grep ' undeclared$' <<<"$routes" || true)
[ -z "$undeclared" ] || fail "routes without an access class: $undeclared"

serve_start --clock 2022-03-20

# Each caller has a login of its own, so that its logout (called last)
# revokes no other caller's tokens.
declare -A TOKEN SELECT
TOKEN[none]=""
TOKEN[garbage]="$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=' | head -c 43)"
TOKEN[account]=$(login viewer viewer-secret)
TOKEN[other_account]=$(login brit viewer-secret)
TOKEN[adult]=$(select_profile "$(login viewer viewer-secret)" "$ADULT_ID")
TOKEN[kids]=$(select_profile "$(login viewer viewer-secret)" "$LITTLE_ID")
# A PIN profile without its PIN: all such a person holds is the account
# token, and selecting the profile is refused.
TOKEN[pin_without_pin]=$(login viewer viewer-secret)
expect 403 POST "/api/v1/profiles/$PIN_ID/select" "${TOKEN[pin_without_pin]}"
expect 403 POST "/api/v1/profiles/$PIN_ID/select" "${TOKEN[pin_without_pin]}" '{"pin":"0000"}'
TOKEN[admin_kids]=$(select_profile "$(login admin admin-secret)" "$TOTS_ID")
TOKEN[admin]=$(login admin admin-secret)
# The profile each caller's select names: its own account's, except the
# other account, which tries this one's.
SELECT=([none]=$ADULT_ID [garbage]=$ADULT_ID [account]=$ADULT_ID [other_account]=$ADULT_ID
	[adult]=$ADULT_ID [kids]=$ADULT_ID [pin_without_pin]=$PIN_ID [admin_kids]=$TOTS_ID [admin]=$TOTS_ID)
CALLERS="none garbage account other_account adult kids pin_without_pin admin_kids admin"

# expected ACCESS CALLER: sets REPLY to admit, 401 or 403. (The matrix makes
# about 800 calls: these helpers set REPLY rather than fork a subshell each.)
expected() {
	local access=$1 caller=$2
	case "$caller" in none | garbage) [ "$access" = public ] && REPLY=admit || REPLY=401; return ;; esac
	case "$access" in
	public) REPLY=admit ;;
	signed) REPLY=401 ;; # a bearer token never opens a signed route
	account) case "$caller" in account | other_account | pin_without_pin | admin) REPLY=admit ;; *) REPLY=403 ;; esac ;;
	profile) case "$caller" in adult | kids | admin_kids) REPLY=admit ;; *) REPLY=403 ;; esac ;;
	viewer) case "$caller" in adult | kids | admin_kids | admin) REPLY=admit ;; *) REPLY=403 ;; esac ;;
	admin) [ "$caller" = admin ] && REPLY=admit || REPLY=403 ;;
	*) REPLY="unknown access class '$access'" ;;
	esac
}

# path PATTERN CALLER: sets REPLY to the pattern with an id for each {},
# chosen by the segment before it.
path() {
	local pattern=$1 caller=$2 result="" seg prev=""
	IFS=/ read -ra parts <<<"$pattern"
	for seg in "${parts[@]:1}"; do
		# A numbered file name ({}.m4s, an HLS segment): any number will do.
		[[ "$seg" == "{}."* ]] && seg="0${seg#\{\}}"
		if [ "$seg" = "{}" ]; then
			case "$prev" in
			titles | my-list) seg=$TITLE ;;
			seasons) seg=1 ;;
			profiles) [ "$METHOD" = DELETE ] && seg=${DELETE_ID[$caller]:-${SELECT[$caller]}} || seg=${SELECT[$caller]} ;;
			media | playback | images) seg=$MEDIA ;;
			libraries) seg=$LIB ;;
			users) seg=$SPARE_USER ;;
			sessions) seg=999999 ;; # no such device: nobody is signed out
			invites) seg=999999 ;;  # no such invitation: none withdrawn
			streams) seg=999999 ;;  # no such device streaming: none stopped
			people) seg=$PERSON ;;
			*) fail "the matrix has no id for '{}' after '$prev' in $pattern: add one" ;;
			esac
		fi
		result="$result/$seg"
		prev=$seg
	done
	REPLY=$result
}

# What the matrix cannot see by status class alone: an admin account's kids
# profile sees what that profile sees, not what the admin sees.
expect 403 GET "/api/v1/titles/$TITLE" "${TOKEN[admin_kids]}"
api GET "/api/v1/titles?limit=200" "${TOKEN[admin_kids]}"
eq "$(jq '[.items[] | select(.title == "Jessica Jones")] | length' <<<"$body")" "0" "admin's kids profile does not list a TV-MA title"

tried=0
failed=0
failures=""
# Logout last: it revokes the caller's login.
ordered=$(grep -v '^POST /api/v1/logout ' <<<"$routes"; grep '^POST /api/v1/logout ' <<<"$routes")
# One curl per caller, its requests in the route table's order (logout last).
for caller in $CALLERS; do
	methods=() patterns=() accesses=()
	batch_begin
	while read -r method pattern access; do
		body_arg=""
		case "$method" in POST | PUT | PATCH) body_arg="{}" ;; esac
		METHOD=$method path "$pattern" "$caller"
		batch_add "$method" "$REPLY" "${TOKEN[$caller]}" "$body_arg"
		methods+=("$method") patterns+=("$pattern") accesses+=("$access")
	done <<<"$ordered"
	batch_run
	for i in "${!methods[@]}"; do
		method=${methods[i]} pattern=${patterns[i]} access=${accesses[i]}
		status=${batch_status[i]} body=${batch_body[i]}
		expected "$access" "$caller"
		want=$REPLY
		needs=""
		[[ "$body" =~ \"needs\":\"([a-z]+)\" ]] && needs=${BASH_REMATCH[1]}
		# HEAD answers carry no body: there the status alone tells.
		[ "$method" = HEAD ] && [[ "$status" == 40[13] ]] && needs=$access
		if [ -n "$needs" ]; then got=$status; else got=admit; fi
		[ "$got" = admit ] && [[ "$status" == 000* || "$body" == *"no such endpoint"* ]] && got="no answer ($status)"
		tried=$((tried + 1))
		if [ "$got" != "$want" ] || { [ -n "$needs" ] && [ "$needs" != "$access" ]; }; then
			failed=$((failed + 1))
			failures="$failures
  $caller $method $pattern ($access): expected $want, got $got ${needs:+needs=$needs} $status $body"
		fi
	done
done
checks=$((checks + tried))
echo "authz matrix ($ENGINE): $(wc -l <<<"$routes") routes x $(wc -w <<<"$CALLERS") callers: $tried tried, $failed failed"
[ "$failed" -eq 0 ] || fail "the authorization matrix has $failed failures:$failures"

serve_stop
pass
