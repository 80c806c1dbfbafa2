// check.mjs - docs/openapi.yaml against the code and a running server.
//
//   node check.mjs SPEC.yaml ROUTES.c          the description alone
//   BASE=http://... ADMIN=... ACCOUNT=... PROFILE=... MEDIA=... node check.mjs SPEC ROUTES
//                                              and a server's answers
//
// 1. swagger-parser validates the description against the OpenAPI 3.1 schema
//    and resolves every $ref.
// 2. Its routes (path, method, x-access) and src/http/routes.c's must be the
//    same set; every operation documents the errors its access class and
//    shape imply (401/403 behind a token, 400/413 with a body, 404 with an id).
// 3. With BASE: GET /api/v1/openapi.json is the same document, and a tour of
//    the API (below) has every answer's status documented for its route and
//    its body valid against that status's schema (Ajv, JSON Schema 2020-12),
//    and every request body valid against the route's request schema.
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import SwaggerParser from "@apidevtools/swagger-parser";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [specPath, routesPath] = process.argv.slice(2);
if (!specPath || !routesPath) {
	console.error("usage: node check.mjs SPEC.yaml ROUTES.c");
	process.exit(2);
}
const failures = [];
let checks = 0;
const check = (ok, what) => {
	checks++;
	if (!ok) failures.push(what);
};

// --- 1. a valid OpenAPI 3.1 document -----------------------------------------
const spec = await SwaggerParser.parse(specPath);
try {
	await SwaggerParser.validate(structuredClone(spec));
	check(true, "");
} catch (e) {
	console.error(`openapi: ${specPath} is not a valid OpenAPI document: ${e.message}`);
	process.exit(1);
}
check(spec.openapi === "3.1.0", `openapi version is ${spec.openapi}, not 3.1.0`);

// --- 2. the same routes as routes.c -------------------------------------------
const METHODS = ["get", "put", "post", "delete", "patch", "head"];
const routes = new Map(); // "GET /api/v1/titles/{}" -> "viewer"
for (const m of readFileSync(routesPath, "utf8").matchAll(/\{"([A-Z]+)", "(\/[^"]*)", ACCESS_([A-Z]+),/g))
	routes.set(`${m[1]} ${m[2]}`, m[3].toLowerCase());
check(routes.size >= 60, `found only ${routes.size} routes in ${routesPath}`);

const operations = new Map(); // same keys -> {path, method, op}
for (const [path, item] of Object.entries(spec.paths)) {
	for (const method of METHODS) {
		if (!item[method]) continue;
		const key = `${method.toUpperCase()} ${path.replace(/\{[a-z_]+\}/g, "{}")}`;
		operations.set(key, { path, method, op: item[method], params: item.parameters || [] });
	}
}
for (const [key, access] of routes) {
	const o = operations.get(key);
	check(o, `${key} is in routes.c but not in the OpenAPI description`);
	if (o) check(o.op["x-access"] === access, `${key}: x-access is ${o.op["x-access"]}, routes.c says ${access}`);
}
for (const key of operations.keys()) check(routes.has(key), `${key} is described but routes.c has no such route`);

// The errors an operation must document, from its access class and shape.
const deref = (obj) => {
	while (obj && obj.$ref) obj = obj.$ref.slice(2).split("/").reduce((o, k) => o[k.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
	return obj;
};
for (const [key, { path, op }] of operations) {
	const codes = Object.keys(op.responses);
	const need = (code, why) => check(codes.includes(code), `${key} does not document ${code} (${why})`);
	check(codes.some((c) => c.startsWith("2")), `${key} documents no success`);
	if (op["x-access"] !== "public") {
		need("401", "it needs a token or a signature");
		need("403", "a token of the wrong kind");
	}
	if (op.requestBody) {
		need("400", "it takes a body");
		need("413", "bodies are at most 64 KiB");
	}
	if (/\{id\}|\{device\}|\{n\}|\{track\}|\{segment\}|\{sheet\}/.test(path)) need("404", "its path names a resource");
	if (!op.summary) failures.push(`${key} has no summary`);
	for (const [code, r] of Object.entries(op.responses)) {
		const res = deref(r);
		check(res.description, `${key} ${code} has no description`);
		for (const [type, media] of Object.entries(res.content || {}))
			if (type === "application/json")
				check(media.schema && Object.keys(media.schema).length, `${key} ${code} has an empty JSON schema`);
	}
}

// --- 3. a running server's answers ----------------------------------------------
const BASE = process.env.BASE;
const covered = new Set();
if (BASE) {
	const ajv = new Ajv2020({ strict: false, allErrors: true });
	addFormats(ajv);
	ajv.addSchema(spec, "openapi");
	const compiled = new Map();
	const validator = (pointer) => {
		if (!compiled.has(pointer)) compiled.set(pointer, ajv.compile({ $ref: `openapi#${pointer}` }));
		return compiled.get(pointer);
	};
	// Ajv's errors, naming the field a schema does not list.
	const explain = (errors) =>
		(errors || []).map((e) => `${e.instancePath || "body"} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ""}${e.params?.unevaluatedProperty ? ` (${e.params.unevaluatedProperty})` : ""}`).join("; ");
	const escape = (s) => s.replace(/~/g, "~0").replace(/\//g, "~1");
	// The JSON pointer of a schema, through $refs to shared responses.
	const schemaPointer = (base, obj) => {
		let pointer = base;
		while (obj.$ref) {
			pointer = obj.$ref.slice(1);
			obj = deref(obj);
		}
		return { pointer, obj };
	};
	const findOperation = (method, pathname) => {
		for (const [key, o] of operations) {
			const [m, template] = key.split(" ");
			if (m !== method) continue;
			const rx = new RegExp("^" + template.replace(/[.]/g, "\\.").replace(/\{\}/g, "[0-9]+") + "$");
			if (rx.test(pathname)) return { key, ...o };
		}
		return null;
	};

	// call(method, path, token, body, expectStatus): the answer's JSON (or text).
	const call = async (method, path, token, body, expect) => {
		const url = new URL(path, BASE);
		const where = `${method} ${url.pathname}${url.search}`;
		const found = findOperation(method, url.pathname);
		check(found, `${where}: no operation in the description matches`);
		if (!found) return null;
		covered.add(found.key);
		const base = `/paths/${escape(found.path)}/${found.method}`;
		// A string body is sent as it is: a request meant to be refused.
		if (body !== undefined && typeof body !== "string" && found.op.requestBody) {
			const rb = schemaPointer(`${base}/requestBody`, found.op.requestBody);
			const json = rb.obj.content?.["application/json"];
			if (json) {
				const v = validator(`${rb.pointer}/content/application~1json/schema`);
				check(v(body), `${where}: the test's request body does not fit the request schema: ${explain(v.errors)}`);
			}
		}
		const headers = {};
		if (token) headers.Authorization = `Bearer ${token}`;
		if (body !== undefined) headers["Content-Type"] = "application/json";
		const res = await fetch(url, { method, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
		const text = method === "HEAD" ? "" : await res.text();
		const status = String(res.status);
		if (expect !== undefined) check(status === String(expect), `${where}: expected ${expect}, got ${status}: ${text.slice(0, 300)}`);
		const documented = found.op.responses[status];
		check(documented, `${where}: answered ${status}, which ${found.key} does not document`);
		if (!documented) return null;
		const r = schemaPointer(`${base}/responses/${status}`, documented);
		const type = (res.headers.get("content-type") || "").split(";")[0];
		const content = r.obj.content || {};
		if (method === "HEAD" || Object.keys(content).length === 0) return text;
		const declared = Object.keys(content).find((t) => t === type || (t.endsWith("/*") && type.startsWith(t.slice(0, -1))));
		check(declared, `${where}: ${status} came as ${type}, documented as ${Object.keys(content).join(", ")}`);
		if (type !== "application/json" || !declared) return text;
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			check(false, `${where}: not JSON: ${text.slice(0, 200)}`);
			return null;
		}
		const v = validator(`${r.pointer}/content/${escape(declared)}/schema`);
		check(v(json), `${where}: ${status} does not fit its schema: ${explain(v.errors)}`);
		return json;
	};

	const { ADMIN, ACCOUNT, PROFILE, MEDIA, METRICS } = process.env;
	const served = await call("GET", "/api/v1/openapi.json", null, undefined, 200);
	check(isDeepStrictEqual(served, spec), "GET /api/v1/openapi.json is not docs/openapi.yaml as JSON (rebuild?)");
	await call("GET", "/api/v1/health", null, undefined, 200);
	await call("GET", "/metrics", METRICS, undefined, 200);
	await call("GET", "/metrics", PROFILE, undefined, 401);
	await call("POST", "/api/v1/login", null, { username: "viewer", password: "wrong-password" }, 401);
	await call("POST", "/api/v1/login", null, '{"username":"viewer","password":"viewer-secret","extra":1}', 400);

	// The catalogue, as a profile and as an admin.
	const titles = await call("GET", "/api/v1/titles?limit=5", PROFILE, undefined, 200);
	await call("GET", "/api/v1/titles?limit=3&kind=episode", PROFILE, undefined, 200);
	await call("GET", "/api/v1/titles?q=jessica", ADMIN, undefined, 200);
	await call("GET", "/api/v1/titles", null, undefined, 401);
	await call("GET", "/api/v1/titles?limit=0", PROFILE, undefined, 400);
	const jj = titles.items.find((t) => t.title === "Jessica Jones").id;
	const title = await call("GET", `/api/v1/titles/${jj}`, PROFILE, undefined, 200);
	await call("GET", `/api/v1/titles/${jj}`, ADMIN, undefined, 200);
	await call("GET", "/api/v1/titles/999999", PROFILE, undefined, 404);
	await call("GET", `/api/v1/titles/${jj}/seasons/1/episodes`, PROFILE, undefined, 200);
	await call("GET", `/api/v1/titles/${jj}/seasons/99/episodes`, PROFILE, undefined, 404);
	await call("GET", `/api/v1/titles/${jj}/similar`, PROFILE, undefined, 200);
	await call("GET", `/api/v1/titles/${jj}/reception`, PROFILE, undefined, 200);
	await call("GET", `/api/v1/titles/${jj}/timeline`, PROFILE, undefined, 200);
	await call("GET", `/api/v1/titles/${jj}/awards`, PROFILE, undefined, 200);
	await call("GET", `/api/v1/titles/${jj}/buzz`, PROFILE, undefined, 200);
	await call("GET", "/api/v1/genres", PROFILE, undefined, 200);
	await call("GET", "/api/v1/genres?kind=opera", PROFILE, undefined, 400);
	const hits = await call("GET", "/api/v1/search?q=kilgrave", PROFILE, undefined, 200);
	await call("GET", "/api/v1/search?q=jesica+jones", PROFILE, undefined, 200);
	const person = hits.items.find((h) => h.person_id).person_id;
	await call("GET", `/api/v1/people/${person}`, PROFILE, undefined, 200);
	check(title.seasons.length === 3, `the tour expects Jessica Jones's 3 seasons, got ${title.seasons.length}`);

	// Playback of the scanned episode, and what it reaches by signed URLs.
	const info = await call("GET", `/api/v1/media/${MEDIA}/playback-info`, PROFILE, undefined, 200);
	await call("GET", `/api/v1/media/${MEDIA}/playback-info?channels=many`, PROFILE, undefined, 400);
	await call("HEAD", info.url, null, undefined, 200);
	await call("GET", info.url.replace(/sig=[^&]+/, "sig=" + "A".repeat(43)), null, undefined, 401);
	const text = info.subtitles.find((s) => s.text && s.url);
	check(text, "the tour's media has no text subtitles");
	if (text) await call("GET", text.url, null, undefined, 200);
	const poster = title.images?.poster;
	check(poster, "the tour's title has no poster");
	if (poster) await call("GET", `${poster}&w=160&format=jpeg`, null, undefined, 200);
	if (poster) await call("GET", `${poster}&format=gif`, null, undefined, 400);
	// A browser without MP4 gets the file remuxed to HLS: the playlists and segments.
	const hls = await call("GET", `/api/v1/media/${MEDIA}/playback-info?containers=webm&video=h264&audio=aac`, PROFILE, undefined, 200);
	check(hls.method === "remux", `playback-info for a browser without MP4 says ${hls.method}, not remux`);
	const master = await call("GET", hls.url, null, undefined, 200);
	const rendition = /^(index\.m3u8\?[^\s]+)$/m.exec(master)?.[1];
	check(rendition, `no rendition in the master playlist: ${master}`);
	const playlist = await call("GET", new URL(rendition, new URL(hls.url, BASE)).href, null, undefined, 200);
	for (const uri of [/^#EXT-X-MAP:URI="([^"]+)"/m.exec(playlist)?.[1], /^([0-9]+\.m4s\?[^\s]+)$/m.exec(playlist)?.[1]]) {
		check(uri, `a URI is missing from the media playlist: ${playlist}`);
		if (uri) await call("GET", new URL(uri, new URL(rendition, new URL(hls.url, BASE))).href, null, undefined, 200);
	}
	check(info.trickplay, "playback-info has no trickplay index after binge trickplay");
	if (info.trickplay) {
		const index = await call("GET", info.trickplay, null, undefined, 200);
		const sheet = /^([0-9]+\.jpg\?[^#\s]+)/m.exec(index)?.[1];
		check(sheet, `no sheet in the trickplay index: ${index}`);
		if (sheet) await call("GET", new URL(sheet, new URL(info.trickplay, BASE)).href, null, undefined, 200);
	}
	await call("POST", `/api/v1/playback/${MEDIA}/progress`, PROFILE, { position: 2.5 }, 200);
	await call("POST", `/api/v1/playback/${MEDIA}/progress`, PROFILE, '{"position":"x"}', 400);
	await call("GET", `/api/v1/playback/${MEDIA}`, PROFILE, undefined, 200);
	await call("GET", `/api/v1/playback/${MEDIA}`, ACCOUNT, undefined, 403);
	await call("PUT", `/api/v1/playback/${MEDIA}/tracks`, PROFILE, { audio: "spa", subtitles: null }, 200);
	await call("PUT", "/api/v1/profile/languages", PROFILE, { audio: "fre", subtitles: "eng" }, 200);
	await call("PUT", "/api/v1/profile/autoplay", PROFILE, { still_watching_after: 2 }, 200);
	await call("PUT", "/api/v1/profile/autoplay", PROFILE, '{"still_watching_after":11}', 400);
	const episode = (await call("GET", `/api/v1/titles/${jj}/seasons/1/episodes`, PROFILE, undefined, 200)).items.find((e) => e.media.some((m) => m.id === Number(MEDIA)));
	await call("PUT", `/api/v1/titles/${episode.id}/watched`, PROFILE, { watched: true }, 200);
	await call("PUT", `/api/v1/titles/${jj}/rating`, PROFILE, { stars: 4.5 }, 200);
	await call("PUT", `/api/v1/titles/${jj}/rating`, PROFILE, '{"stars":7}', 400);
	const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
	await call("POST", "/api/v1/events", PROFILE, { events: [{ event_id: "openapi-1", title_id: episode.id, kind: "start", position: 0, time: now }] }, 200);
	await call("POST", "/api/v1/events", PROFILE, JSON.stringify({ events: [{ event_id: "openapi-2", title_id: episode.id, kind: "pause", position: 0, time: now }] }), 400);
	await call("PUT", `/api/v1/my-list/${jj}`, PROFILE, undefined, 200);
	await call("GET", "/api/v1/my-list", PROFILE, undefined, 200);
	await call("GET", "/api/v1/home", PROFILE, undefined, 200);
	await call("DELETE", `/api/v1/my-list/${jj}`, PROFILE, undefined, 200);
	await call("PUT", `/api/v1/my-list/${episode.id}`, PROFILE, undefined, 400);

	// The account: its devices, profiles, sign-in and out.
	const sessions = await call("GET", "/api/v1/account/sessions", ACCOUNT, undefined, 200);
	const mine = sessions.items.find((s) => s.current);
	await call("DELETE", `/api/v1/streams/${mine.id}`, PROFILE, undefined, 200);
	await call("DELETE", `/api/v1/streams/${mine.id}`, PROFILE, undefined, 404);
	await call("GET", "/api/v1/profiles", ACCOUNT, undefined, 200);
	await call("GET", "/api/v1/profiles", PROFILE, undefined, 403);
	const extra = await call("POST", "/api/v1/profiles", ACCOUNT, { name: "Tour", kids: true, avatar: 4 }, 201);
	await call("POST", "/api/v1/profiles", ACCOUNT, { name: "Tour" }, 409);
	await call("PATCH", `/api/v1/profiles/${extra.id}`, ACCOUNT, { name: "Tour 2", ceiling: "all" }, 200);
	await call("PATCH", `/api/v1/profiles/${extra.id}`, ACCOUNT, { pin: "1234" }, 403);
	await call("POST", `/api/v1/profiles/${extra.id}/select`, ACCOUNT, undefined, 200);
	await call("DELETE", `/api/v1/profiles/${extra.id}`, ACCOUNT, undefined, 200);
	await call("DELETE", `/api/v1/profiles/${extra.id}`, ACCOUNT, undefined, 404);
	// Two more sign-ins: the second signs the third out, then itself.
	const second = await call("POST", "/api/v1/login", null, { username: "viewer", password: "viewer-secret" }, 200);
	const third = await call("POST", "/api/v1/login", null, { username: "viewer", password: "viewer-secret" }, 200);
	const thirdId = (await call("GET", "/api/v1/account/sessions", third.token, undefined, 200)).items.find((s) => s.current).id;
	await call("DELETE", `/api/v1/account/sessions/${thirdId}`, second.token, undefined, 200);
	await call("GET", "/api/v1/profiles", third.token, undefined, 401);
	await call("POST", "/api/v1/logout", second.token, undefined, 200);
	await call("POST", "/api/v1/logout", second.token, undefined, 401);

	// Administration.
	await call("GET", "/api/v1/users", ADMIN, undefined, 200);
	await call("GET", "/api/v1/users", PROFILE, undefined, 403);
	const user = await call("POST", "/api/v1/users", ADMIN, { name: "tour-user", password: "tour-password", territory: "GB" }, 201);
	await call("POST", "/api/v1/users", ADMIN, { name: "tour-user", password: "tour-password", territory: "GB" }, 409);
	await call("POST", "/api/v1/users", ADMIN, '{"name":"tour-2","password":"short","territory":"GB"}', 400);
	await call("PATCH", `/api/v1/users/${user.id}`, ADMIN, { max_streams: 2, territory: "IE" }, 200);
	const moved = await call("POST", "/api/v1/login", null, { username: "tour-user", password: "tour-password" }, 200);
	await call("POST", "/api/v1/account/password", moved.token, { current: "tour-password", new: "tour-password-2" }, 200);
	await call("DELETE", `/api/v1/users/${user.id}`, ADMIN, undefined, 200);
	const invite = await call("POST", "/api/v1/invites", ADMIN, { territory: "US", days: 2 }, 201);
	await call("GET", "/api/v1/invites", ADMIN, undefined, 200);
	await call("POST", "/api/v1/invites/accept", null, { token: invite.token, name: "tour-invited", password: "tour-password" }, 201);
	await call("POST", "/api/v1/invites/accept", null, { token: invite.token, name: "tour-again", password: "tour-password" }, 404);
	const spare = await call("POST", "/api/v1/invites", ADMIN, { territory: "FR" }, 201);
	await call("DELETE", `/api/v1/invites/${spare.id}`, ADMIN, undefined, 200);
	const created = await call("POST", "/api/v1/titles", ADMIN, {
		kind: "series", title: "The Tour", synopsis: "A series made by the OpenAPI check.", first_aired: "2020-01-10",
		genres: ["Drama"], credits: [{ role: "cast", person: "Ana Souto", character: "Mara" }], seasons: [{ number: 1, episode_count: 2 }],
	}, 201);
	await call("POST", "/api/v1/titles", ADMIN, '{"kind":"opera","title":"x"}', 400);
	await call("PUT", `/api/v1/titles/${created.id}`, ADMIN, { kind: "series", title: "The Tour", status: "ended", seasons: [{ number: 1, episode_count: 3 }] }, 200);
	await call("PUT", `/api/v1/titles/${created.id}/availability`, ADMIN, { windows: [{ platform: "binge", territories: ["US", "GB"], from: "2020-01-10" }] }, 200);
	await call("GET", `/api/v1/titles/${created.id}/availability`, ADMIN, undefined, 200);
	await call("PUT", `/api/v1/titles/${created.id}/seasons/1/release`, ADMIN, { mode: "weekly", start: "2020-01-10" }, 200);
	await call("POST", `/api/v1/titles/${created.id}/reviews`, ADMIN, { reviews: [{ season: 1, outlet: "The Paper", critic: "A. Critic", date: "2020-01-12", score: 8, scale: 10, verdict: "fresh" }] }, 200);
	await call("GET", `/api/v1/titles/${created.id}/reception`, ADMIN, undefined, 200);
	await call("DELETE", `/api/v1/titles/${created.id}`, ADMIN, undefined, 200);
	await call("PUT", `/api/v1/media/${MEDIA}/markers`, ADMIN, { intro: { start: 0.5, end: 1.5 }, credits: null }, 200);
	await call("PUT", `/api/v1/media/${MEDIA}/markers`, ADMIN, '{"intro":{"start":3,"end":1}}', 400);
	const libraries = await call("GET", "/api/v1/libraries", ADMIN, undefined, 200);
	await call("POST", "/api/v1/libraries", ADMIN, '{"path":"relative/path"}', 400);
	await call("POST", `/api/v1/libraries/${libraries.items[0].id}/scan`, ADMIN, undefined, 200);
	for (const q of [`watch-order?titles=${jj}`, `next?title=${jj}`, `gateways?title=${jj}`, `binge?title=${jj}`, `starts?title=${jj}&season=1`]) {
		await call("GET", `/api/v1/stats/${q}`, ADMIN, undefined, 200);
		await call("GET", `/api/v1/stats/${q.replace("?", ".svg?")}`, ADMIN, undefined, 200);
	}
	await call("GET", "/api/v1/stats/next?title=no-such-title", ADMIN, undefined, 404);
	await call("GET", "/api/v1/stats/next?title=" + jj, PROFILE, undefined, 403);
	await call("POST", "/api/v1/titles", ADMIN, JSON.stringify({ kind: "film", title: "Big", synopsis: "x".repeat(70000) }), 413);

	// Every route is toured: a new one needs a call here too.
	const untoured = [...operations.keys()].filter((k) => !covered.has(k));
	check(untoured.length === 0, `the tour does not call ${untoured.join(", ")}`);
}

if (failures.length) {
	for (const f of failures) console.error(`openapi: ${f}`);
	console.error(`openapi: ${failures.length} of ${checks} checks failed`);
	process.exit(1);
}
console.log(`openapi: ${checks} checks passed; ${operations.size} operations described${BASE ? `, ${covered.size} checked against the server's answers` : ""}`);
