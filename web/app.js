// binge web player: a single page, hash-routed, on the JSON API (docs/api.md).
//
//   #/login          account login
//   #/profiles       profile picker (PIN prompt for PIN profiles)
//   #/home           rows: continue watching, next up, new, recommendations, all titles
//   #/title/ID       a series or film: synopsis, cast, seasons, episodes
//   #/watch/S/N/E    episode E of season N of series S: the player
//   #/film/ID        a film: the player
//   #/admin          audience charts, libraries, titles and their licence
//                    windows (admin accounts)
//
// Tokens live in sessionStorage: the account token from login, the profile
// token from the picker. <video> cannot send an Authorization header, so a
// stream plays from a short-lived signed URL (GET /media/ID/playback-info),
// renewed on a seek or a resume once it is near its end; no token is ever
// put in a URL. Signing out revokes the account token and every profile
// token minted from it.

const $view = document.getElementById('view');
const $nav = document.getElementById('nav');
const store = window.sessionStorage;
const PROGRESS_EVERY_S = 5;
const NEXT_EPISODE_COUNTDOWN_S = 10;
const STILL_WATCHING_AFTER = 3;
const STILL_WATCHING_IDLE_MS = 90 * 60 * 1000;

class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message || `HTTP ${status}`);
    this.status = status;
  }
}

async function api(method, path, body, token = store.getItem('profile')) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`/api/v1${path}`, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

// Builds an element: el('a', {href: '#/'}, 'text', child, ...).
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) node.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
  return node;
}

function show(...nodes) {
  $view.replaceChildren(...nodes.filter((n) => n !== null && n !== undefined && n !== false));
  const first = $view.querySelector('input, button, a');
  if (first) first.focus();
}

function renderNav() {
  const links = [];
  if (store.getItem('profile')) {
    links.push(el('a', { href: '#/home' }, 'Home'), el('a', { href: '#/search', 'data-nav': 'search' }, 'Search'),
      el('a', { href: '#/profiles' }, 'Profiles'));
  }
  // Admin pages are the account's; a kids profile's screen does not offer them.
  if (store.getItem('admin') === '1' && store.getItem('profile_kids') !== '1') {
    links.push(el('a', { href: '#/admin' }, 'Admin'));
  }
  if (store.getItem('account')) {
    links.push(el('button', {
      onclick: async () => {
        await api('POST', '/logout', undefined, store.getItem('account')).catch(() => {});
        store.clear();
        location.hash = '#/login';
      },
    }, 'Sign out'));
  }
  $nav.replaceChildren(...links);
}

function viewLogin() {
  const error = el('p', { class: 'error', role: 'alert' });
  const form = el('form', {
    onsubmit: async (e) => {
      e.preventDefault();
      const data = new FormData(form);
      try {
        const { token } = await api('POST', '/login',
          { username: data.get('username'), password: data.get('password') }, null);
        store.clear();
        store.setItem('account', token);
        // Only an admin's account token may read the catalogue without a profile.
        const admin = await api('GET', '/titles?limit=1', undefined, token).then(() => true, () => false);
        if (admin) store.setItem('admin', '1');
        location.hash = '#/profiles';
      } catch (err) {
        error.textContent = err.message;
      }
    },
  },
  el('label', {}, 'User name ', el('input', { name: 'username', autocomplete: 'username', required: '' })),
  el('label', {}, 'Password ', el('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: '' })),
  el('button', { class: 'primary', type: 'submit' }, 'Sign in'), error);
  show(el('h1', {}, 'Sign in'), form);
}

async function viewProfiles() {
  const account = store.getItem('account');
  const { items } = await api('GET', '/profiles', undefined, account);
  const error = el('p', { class: 'error', role: 'alert' });
  const pinArea = el('div');
  const choose = async (profile, pin) => {
    try {
      const { token } = await api('POST', `/profiles/${profile.id}/select`,
        pin === undefined ? undefined : { pin }, account);
      store.setItem('profile', token);
      store.setItem('profile_name', profile.name);
      store.setItem('profile_kids', profile.kids ? '1' : '0');
      location.hash = '#/home';
    } catch (err) {
      error.textContent = err.message;
    }
  };
  const askPin = (profile) => {
    const form = el('form', {
      onsubmit: (e) => { e.preventDefault(); choose(profile, new FormData(form).get('pin')); },
    },
    el('label', {}, `PIN for ${profile.name} `,
      el('input', { name: 'pin', type: 'password', inputmode: 'numeric', pattern: '[0-9]{4}', maxlength: '4', autocomplete: 'off', required: '' })),
    el('button', { class: 'primary', type: 'submit' }, 'Open profile'));
    pinArea.replaceChildren(form);
    form.querySelector('input').focus();
  };
  show(el('h1', {}, "Who's watching?"),
    el('div', { class: 'profiles' }, items.map((p) => el('button', {
      class: 'profile', 'data-profile': p.name,
      onclick: () => (p.has_pin ? askPin(p) : choose(p)),
    }, el('div', { class: 'avatar' }), p.name, p.kids ? el('div', { class: 'meta' }, 'Kids') : null))),
    pinArea, error);
}

// A title's picture for a 16:9 card: its backdrop (or an episode's still),
// else its poster; without art, a card made from its name, in colours of
// its own so no two titles look alike.
function artOf(title, images, width = 480, loading = 'lazy') {
  const src = images?.backdrop || images?.still || images?.poster;
  if (src) {
    return el('div', { class: 'art', 'aria-hidden': 'true' },
      el('img', { src: `${src}&w=${width}`, alt: '', loading, decoding: 'async' }));
  }
  let hash = 0;
  for (const ch of title) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  const hue = hash % 360;
  const art = el('div', { class: 'art generated', 'aria-hidden': 'true' }, el('span', {}, title));
  art.style.background = `linear-gradient(135deg, hsl(${hue} 45% 32%), hsl(${(hue + 50) % 360} 55% 16%))`;
  return art;
}

function card(item) {
  const href = item.kind === 'episode'
    ? `#/watch/${item.series_id}/${item.season}/${item.number}`
    : item.kind === 'film' && item.media?.length ? `#/film/${item.id}` : `#/title/${item.id}`;
  const label = item.kind === 'episode' ? `${item.series_title} S${item.season}:E${item.number}` : item.title;
  return el('a', { class: 'card', href },
    artOf(item.kind === 'episode' ? item.series_title : item.title, item.images),
    el('div', {}, label),
    item.position ? el('div', { class: 'meta' }, `resume at ${Math.floor(item.position)} s`) : null);
}

async function viewHome() {
  const [{ rows }, titles] = await Promise.all([api('GET', '/home'), api('GET', '/titles?limit=50')]);
  const all = { id: 'all', title: 'All titles', items: titles.items };
  show(...[...rows, all].filter((r) => r.items.length).map((r) =>
    el('section', { class: 'row', 'data-row': r.id }, el('h2', {}, r.title),
      el('div', { class: 'cards' }, r.items.map(card)))));
}

// An episode's runtime: its own, else its file's length.
function runtimeOf(e) {
  const minutes = e.runtime_minutes ?? (e.media?.[0]?.duration ? Math.round(e.media[0].duration / 60) : null);
  return minutes ? ` · ${minutes} min` : '';
}

// Search as you type: titles as cards (near names too: "jesica jones"
// finds Jessica Jones), then people and the characters they play. The
// query stays in the address, so a reload or Back keeps it.
function viewSearch(initial) {
  const input = el('input', { id: 'search-q', type: 'search', name: 'q', value: initial, autocomplete: 'off',
    placeholder: 'Titles, people, characters', 'aria-describedby': 'search-status' });
  const status = el('p', { id: 'search-status', class: 'meta', role: 'status', 'aria-live': 'polite' });
  const results = el('div', { 'data-results': '' });
  let timer = 0;
  let asked = 0;
  const run = async () => {
    const q = input.value.trim();
    history.replaceState(null, '', q ? `#/search/${encodeURIComponent(q)}` : '#/search');
    if (q.length < 2) {
      results.replaceChildren();
      status.textContent = q ? 'Type one more letter.' : '';
      return;
    }
    const mine = ++asked;
    const { items } = await api('GET', `/search?q=${encodeURIComponent(q)}&limit=30`);
    if (mine !== asked) return; // a later keystroke's answer wins
    const titles = items.filter((h) => h.type === 'title').map((h) => h.title);
    const people = items.filter((h) => h.type !== 'title');
    const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;
    status.textContent = items.length
      ? `${count(titles.length, 'title', 'titles')}, ${count(people.length, 'person or character', 'people and characters')}`
      : `Nothing found for "${q}".`;
    results.replaceChildren(
      titles.length ? el('section', { class: 'row', 'data-row': 'search-titles' }, el('h2', {}, 'Titles'),
        el('div', { class: 'cards' }, titles.map(card))) : '',
      people.length ? el('section', { 'data-row': 'search-people' }, el('h2', {}, 'People and characters'),
        el('ul', { class: 'people' }, people.map((h) => el('li', {},
          el('a', { href: `#/title/${h.title.id}` }, h.type === 'character'
            ? `${h.character}, played by ${h.person} in ${h.title.title}`
            : `${h.person} (${h.role}) in ${h.title.title}`))))) : '');
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => run().catch(() => {}), 200); });
  show(el('form', { role: 'search', class: 'search', onsubmit: (e) => { e.preventDefault(); run(); } },
    el('label', { for: 'search-q' }, 'Search'), input), status, results);
  input.focus();
  if (initial) run().catch(() => {});
}

async function viewTitle(id) {
  const t = await api('GET', `/titles/${id}`);
  const episodes = el('div');
  const loadSeason = async (n) => {
    const { items } = await api('GET', `/titles/${id}/seasons/${n}/episodes`);
    episodes.replaceChildren(el('h2', {}, `Season ${n}`), el('ol', { class: 'episodes' }, items.map((e) =>
      el('li', {}, e.images?.still ? el('img', { class: 'still', src: `${e.images.still}&w=320`, alt: '', loading: 'lazy' }) : null,
        el('div', { class: 'episode' }, el('span', {}, `${e.number}. ${e.title}`),
          el('span', { class: 'meta' }, runtimeOf(e)),
          e.synopsis ? el('p', { class: 'meta synopsis' }, e.synopsis) : null),
        e.media.length
          ? el('a', { href: `#/watch/${id}/${n}/${e.number}`, 'aria-label': `Play episode ${e.number}` }, 'Play')
          : el('span', { class: 'meta' }, 'not available')))));
  };
  // "More like this": the title's neighbours by viewing, as this profile may see them.
  const similar = el('section', { class: 'row', 'data-row': 'similar' });
  api('GET', `/titles/${id}/similar`).then(({ items }) => {
    if (items.length) similar.replaceChildren(el('h2', {}, 'More like this'), el('div', { class: 'cards' }, items.map(card)));
  }).catch(() => {});
  // Critic reception per season: approval with its interval, average, weighted score and band.
  const reception = el('section', { 'data-section': 'reception' });
  api('GET', `/titles/${id}/reception`).then((r) => {
    const line = (label, f) => {
      const parts = [];
      if (f.approval !== null) {
        parts.push(`${f.approval}% approval (95% ${f.approval_low}–${f.approval_high}) of ${f.reviews} reviews`
          + `${f.certified ? ', certified' : ''}${f.uncertain ? ', not surely above 60%' : ''}`);
      }
      if (f.average !== null) parts.push(`average ${f.average}/10`);
      if (f.score !== null) parts.push(`score ${f.score}/100 from ${f.score_reviews}: ${f.band}`);
      return parts.length ? el('li', {}, `${label}: ${parts.join(' · ')}`) : null;
    };
    const items = [line(t.kind === 'film' ? 'Film' : 'Series', r.series),
      ...r.seasons.map((x) => line(`Season ${x.number}`, x))].filter(Boolean);
    if (items.length) reception.replaceChildren(el('h2', {}, 'Critics'), el('ul', { class: 'meta' }, items));
  }).catch(() => {});
  // Awards and nominations from the article's accolades table.
  const awards = el('section', { 'data-section': 'awards' });
  api('GET', `/titles/${id}/awards`).then(({ items }) => {
    if (items.length) {
      awards.replaceChildren(el('h2', {}, `Awards and nominations (${items.length})`),
        el('ul', { class: 'meta' }, items.map((a) =>
          el('li', {}, `${a.year} ${a.award}: ${a.category} – ${a.nominee}${a.result === 'unknown' ? '' : ` (${a.result})`}`))));
    }
  }).catch(() => {});
  // Social buzz: posts a day as bars, premiere weeks listed under them.
  const buzz = el('section', { 'data-section': 'buzz' });
  api('GET', `/titles/${id}/buzz`).then((b) => {
    if (!b.by_day.length) return;
    const max = Math.max(...b.by_day.map((d) => d.originals + d.reposts));
    const w = 12;
    const svgNS = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(svgNS, 'svg');
    svg.setAttribute('width', String(b.by_day.length * w));
    svg.setAttribute('height', '80');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', `${b.posts} posts over ${b.by_day.length} days`);
    b.by_day.forEach((d, i) => {
      const h = Math.max(1, Math.round(76 * (d.originals + d.reposts) / max));
      const r = document.createElementNS(svgNS, 'rect');
      r.setAttribute('x', String(i * w));
      r.setAttribute('y', String(80 - h));
      r.setAttribute('width', String(w - 2));
      r.setAttribute('height', String(h));
      r.setAttribute('fill', '#e50914');
      const tip = document.createElementNS(svgNS, 'title');
      tip.textContent = `${d.day}: ${d.originals} posts, ${d.reposts} reposts`;
      r.appendChild(tip);
      svg.appendChild(r);
    });
    buzz.replaceChildren(el('h2', {}, `Social buzz: ${b.posts} posts (${b.reposts} reposts)`), svg,
      el('ul', { class: 'meta' }, [
        ...b.premieres.map((p) => el('li', {}, `Season ${p.season} premiere week: ${p.originals + p.reposts} posts`
          + `${p.share_of_voice === null ? '' : `, ${p.share_of_voice}% of tracked titles' posts`}`)),
        ...b.reported.map((r) => el('li', {}, `Reported: ${r.posts} posts, ${r.period} (${r.source})`))]));
  }).catch(() => {});
  // Story order in its franchises: the entries around this title.
  const timeline = el('section', { 'data-section': 'timeline' });
  api('GET', `/titles/${id}/timeline`).then(({ franchises }) => {
    timeline.replaceChildren(...franchises.map((f) => el('div', {},
      el('h2', {}, `Watch ${f.franchise} in story order`),
      el('ol', { class: 'meta' }, f.story_order.map((e) => {
        const label = `${e.name}${e.released ? ` (${e.released.slice(0, 4)})` : ''}`;
        if (e.title_id === Number(id)) return el('li', {}, el('strong', {}, label));
        return el('li', {}, e.title_id ? el('a', { href: `#/title/${e.title_id}` }, label) : label);
      })),
      f.contradictions.length ? el('p', { class: 'meta' }, `Placements that contradict each other: ${
        f.contradictions.map((c) => c.constraints.join('; ')).join(' / ')}`) : null)));
  }).catch(() => {});
  const cast = t.credits.filter((c) => c.role === 'cast').slice(0, 12)
    .map((c) => `${c.person}${c.character ? ` as ${c.character}` : ''}`).join(', ');
  show(el('div', { class: 'hero' }, artOf(t.title, t.images, 1280, 'eager'),
    t.images?.poster ? el('img', { class: 'poster', src: `${t.images.poster}&w=320`, alt: `${t.title} poster` }) : null),
    el('h1', {}, t.title),
    el('p', { class: 'meta' }, [t.first_aired?.slice(0, 4), t.rating?.value, t.genres.join(', ')].filter(Boolean).join(' · ')),
    el('p', {}, (t.synopsis || '').split('\n\n')[0]),
    cast ? el('p', { class: 'meta' }, `Cast: ${cast}`) : null,
    reception,
    t.kind === 'film' && t.media?.length ? el('a', { href: `#/film/${id}`, class: 'card' }, 'Play') : null,
    t.seasons.length ? null : el('p', { class: 'meta' }, t.kind === 'film' ? '' : 'No released seasons yet.'),
    el('div', { class: 'seasons' }, t.seasons.map((s) =>
      el('button', { class: 'profile', onclick: () => loadSeason(s.number) }, `Season ${s.number}`))),
    episodes, buzz, awards, timeline, similar);
  if (t.seasons.length) await loadSeason(t.seasons[0].number);
}

// The episode after (season, number) that has media, rolling into the next season.
async function nextEpisode(seriesId, season, number) {
  const t = await api('GET', `/titles/${seriesId}`);
  for (const s of t.seasons.filter((x) => x.number >= season && x.number > 0)) {
    const { items } = await api('GET', `/titles/${seriesId}/seasons/${s.number}/episodes`);
    const next = items.find((e) => (s.number > season || e.number > number) && e.media.length);
    if (next) return { season: s.number, number: next.number, title: next.title };
  }
  return null;
}

// Viewing events (start, stop, complete) for the audience log; ids make retries harmless.
function logEvent(titleId, kind, position) {
  const id = (crypto.randomUUID && crypto.randomUUID()) || `${Date.now()}-${Math.random()}`;
  api('POST', '/events', {
    events: [{ event_id: id, title_id: titleId, kind, position, device: 'web', time: new Date().toISOString().slice(0, 19) + 'Z' }],
  }).catch(() => {});
}

// A signed URL is renewed this long before it ends, at a seek or a resume.
const URL_RENEW_MARGIN_S = 60;

// What this browser plays, asked of it with full codec strings (profile and
// level), as playback-info's query; the server decides from it whether the
// file plays as it is or through HLS (docs/playback.md).
let deviceQuery = null;
function deviceReport() {
  if (deviceQuery) return deviceQuery;
  const probe = document.createElement('video');
  const MS = window.ManagedMediaSource || window.MediaSource;
  const can = (type) => (MS && MS.isTypeSupported(type)) || probe.canPlayType(type) === 'probably';
  const pick = (table) => Object.entries(table).filter(([, type]) => can(type)).map(([name]) => name).join(',');
  const video = pick({
    h264: 'video/mp4; codecs="avc1.640028"', hevc: 'video/mp4; codecs="hvc1.1.6.L153.B0"',
    hevc10: 'video/mp4; codecs="hvc1.2.4.L153.B0"', vp9: 'video/mp4; codecs="vp09.00.51.08"',
    vp910: 'video/mp4; codecs="vp09.02.51.10"', av1: 'video/mp4; codecs="av01.0.13M.08"',
    av110: 'video/mp4; codecs="av01.0.13M.10"',
  });
  const audio = pick({
    aac: 'audio/mp4; codecs="mp4a.40.2"', mp3: 'audio/mpeg', opus: 'audio/mp4; codecs="opus"',
    vorbis: 'audio/webm; codecs="vorbis"', flac: 'audio/mp4; codecs="flac"',
    ac3: 'audio/mp4; codecs="ac-3"', eac3: 'audio/mp4; codecs="ec-3"',
    dts: 'audio/mp4; codecs="dtsc"', truehd: 'audio/mp4; codecs="mlpa"',
  });
  const containers = ['mp4'];
  if (probe.canPlayType('video/webm')) containers.push('webm');
  if (probe.canPlayType('video/x-matroska')) containers.push('mkv');
  const hdr = window.matchMedia('(dynamic-range: high)').matches ? 'pq,hlg' : '';
  const hls = MS ? 'mse' : probe.canPlayType('application/vnd.apple.mpegurl') ? 'native' : 'none';
  deviceQuery = new URLSearchParams({ containers: containers.join(','), video, audio, channels: '2', hdr, hls }).toString();
  return deviceQuery;
}

// hls.js (npm, pinned, served by binge at /vendor/hls.js), loaded the first time HLS is needed.
function loadHlsJs() {
  if (window.Hls) return Promise.resolve(window.Hls);
  return new Promise((resolve, reject) => {
    const script = el('script', { src: '/vendor/hls.js' });
    script.addEventListener('load', () => resolve(window.Hls));
    script.addEventListener('error', () => reject(new ApiError(500, { error: { message: 'The HLS player did not load.' } })));
    document.head.append(script);
  });
}

// A menu in the player's control bar: a labelled <select>.
function menu(label, cls, options, value, onChange) {
  const select = el('select', { 'aria-label': label, class: 'menu' },
    options.map(([v, text]) => el('option', { value: v }, text)));
  select.value = value;
  select.addEventListener('change', () => onChange(select.value));
  return el('label', { class: `menu-label ${cls}` }, `${label} `, select);
}

// A quality menu for an HLS stream played by hls.js: Auto, then each rendition.
function qualityMenu(hls) {
  // Highest first, as a viewer reads a quality list; hls.js keeps them lowest first.
  const levels = hls.levels.map((level, i) => [String(i), `${level.height}p`]).reverse();
  // hls.js switches at once and keeps the position: the buffer is refilled from there.
  return menu('Quality', 'quality-label', [['-1', 'Auto'], ...levels], '-1',
    (v) => { hls.currentLevel = Number(v); });
}

// Saves a position even as the page goes away: a keepalive request
// outlives the page and, unlike sendBeacon, carries the Authorization header.
function saveProgressNow(mediaId, position) {
  return fetch(`/api/v1/playback/${mediaId}/progress`, {
    method: 'POST', keepalive: true,
    headers: { Authorization: `Bearer ${store.getItem('profile')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ position }),
  }).catch(() => {});
}

// Keys while the player is shown, as on Netflix and YouTube.
const PLAYER_KEYS = 'Space, k: play or pause · ← →: 10 s back or ahead · f: full screen · m: mute · c: subtitles';
function playerKeys(video, boxOf, toggleCaptions) {
  const onKey = (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|SELECT|TEXTAREA|BUTTON|A)$/.test(e.target.tagName)) return;
    const key = e.key.toLowerCase();
    if (key === ' ' || key === 'k') video.paused ? video.play().catch(() => {}) : video.pause();
    else if (key === 'arrowleft') video.currentTime = Math.max(0, video.currentTime - 10);
    else if (key === 'arrowright') video.currentTime = Math.min(video.duration || Infinity, video.currentTime + 10);
    else if (key === 'f') document.fullscreenElement ? document.exitFullscreen() : boxOf().requestFullscreen?.().catch(() => {});
    else if (key === 'm') video.muted = !video.muted;
    else if (key === 'c') toggleCaptions();
    else return;
    e.preventDefault();
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}

async function play(media, heading, onEnded, titleId) {
  // The position and the signed URL come first, so the seek to the saved
  // position can never miss the metadata it waits for.
  const [saved, first] = await Promise.all([
    api('GET', `/playback/${media.id}`), api('GET', `/media/${media.id}/playback-info?${deviceReport()}`)]);
  if (!first.url) throw new ApiError(415, { error: { message: `This file cannot play in this browser: ${first.reason}.` } });
  const video = el('video', { controls: '', autoplay: '', playsinline: '', preload: 'auto' });
  const controls = el('div', { class: 'player-controls' });
  const qualitySlot = el('span');
  let info = first;
  let expires = 0;
  let hls = null;
  const nativeHls = video.canPlayType('application/vnd.apple.mpegurl') && !(window.ManagedMediaSource || window.MediaSource);

  // Subtitles: each text track as a <track> (WebVTT from a signed URL). With
  // subtitles off, a forced track in the audio's language is shown: it
  // translates what the audio itself leaves untranslated.
  const textSubs = (first.subtitles || []).filter((t) => t.url);
  // Picture subtitles (PGS, VobSub) inside the file: a browser cannot show
  // them, so choosing one restarts the stream with them drawn into it.
  const pictureSubs = (first.subtitles || []).filter((t) => !t.text && !t.external);
  let burnId = null;
  for (const t of textSubs) {
    video.append(el('track', { kind: 'subtitles', src: t.url, srclang: t.srclang, label: t.label, 'data-id': t.id }));
  }
  // The server picked the tracks to start with from the profile's languages
  // (its last choice in this series, its own, or its territory's).
  let captions = first.subtitle_track === null || first.subtitle_track === undefined ? 'off' : String(first.subtitle_track);
  let lastCaptions = first.subtitle_track ?? textSubs.find((t) => !t.forced)?.id;
  let audioId = first.audio_track ?? first.audio?.[0]?.id;
  const languageOf = (id) => (first.audio || []).find((a) => a.id === id)?.language;
  let audioLanguage = languageOf(audioId);
  // A choice made here is remembered for the series: its next episode starts with it.
  const rememberTracks = () => {
    const sub = textSubs.find((t) => String(t.id) === captions);
    if (audioLanguage) {
      api('PUT', `/playback/${media.id}/tracks`, { audio: audioLanguage, subtitles: sub ? sub.language : null }).catch(() => {});
    }
  };
  const applyCaptions = () => {
    const forced = captions === 'off' && textSubs.find((t) => t.forced && t.language === audioLanguage);
    // Each <track>'s own TextTrack: textTracks may also hold tracks the
    // browser found inside the file, which binge serves as <track>s instead.
    const ours = new Set();
    for (const node of video.querySelectorAll('track')) {
      const id = Number(node.dataset.id);
      const on = String(id) === captions || (forced && forced.id === id);
      node.track.mode = on ? 'showing' : 'disabled';
      ours.add(node.track);
    }
    for (const t of video.textTracks) if (!ours.has(t)) t.mode = 'disabled';
    video.dataset.captions = captions;
  };
  // The chosen audio and burned-in subtitles, as playback-info's query.
  const streamQuery = () => `${deviceReport()}${audioId === undefined ? '' : `&audio_track=${audioId}`}` +
    `${burnId === null ? '' : `&burn_subtitle=${burnId}`}`;
  // Restarts the stream at the same time with what streamQuery() now says.
  const restart = async () => {
    const fresh = await api('GET', `/media/${media.id}/playback-info?${streamQuery()}`).catch(() => null);
    if (!fresh?.url) return false;
    const at = video.currentTime;
    const resume = !video.paused;
    info = fresh;
    await load(at, resume);
    return true;
  };
  const chooseSubtitles = async (v) => {
    const picture = pictureSubs.find((t) => String(t.id) === v);
    const burnBefore = burnId;
    captions = picture ? 'off' : v;
    burnId = picture ? picture.id : null;
    if (v !== 'off') lastCaptions = Number(v);
    video.dataset.burned = burnId ?? '';
    applyCaptions();
    if (burnId !== burnBefore) await restart();
    if (!picture) rememberTracks();
  };
  const captionsMenu = textSubs.length || pictureSubs.length
    ? menu('Subtitles', 'captions-label', [['off', 'Off'], ...textSubs.map((t) => [String(t.id), t.label]),
      ...pictureSubs.map((t) => [String(t.id), `${t.label} (burned in)`])], captions, chooseSubtitles)
    : null;
  const toggleCaptions = () => {
    if (!captionsMenu || lastCaptions === undefined) return;
    const v = captions === 'off' && burnId === null ? String(lastCaptions) : 'off';
    captionsMenu.querySelector('select').value = v;
    chooseSubtitles(v);
  };

  // Starts (or restarts, at a position) the stream playback-info chose.
  const load = async (startAt, resume) => {
    if (hls) { hls.destroy(); hls = null; }
    qualitySlot.replaceChildren();
    video.dataset.method = info.method;
    expires = Date.now() + info.ttl * 1000;
    if (info.method === 'direct' || nativeHls) {
      video.addEventListener('loadedmetadata', () => {
        if (startAt > 1 && startAt < video.duration - 1) video.currentTime = startAt;
        if (resume) video.play().catch(() => {});
      }, { once: true });
      video.src = info.url;
    } else {
      const Hls = await loadHlsJs();
      video.removeAttribute('src');
      hls = new Hls({ startPosition: startAt > 1 ? startAt : -1, capLevelToPlayerSize: true });
      hls.on(Hls.Events.MANIFEST_PARSED, () => {
        if (hls.levels.length > 1) qualitySlot.append(qualityMenu(hls));
        if (resume) video.play().catch(() => {});
      });
      hls.on(Hls.Events.ERROR, (_event, data) => {
        if (data.fatal) controls.append(el('p', { class: 'error', role: 'alert' }, `Playback stopped: ${data.details}.`));
      });
      hls.loadSource(info.url);
      hls.attachMedia(video);
    }
  };

  // Audio: a browser plays only a file's first audio track directly, so
  // another restarts the stream by HLS at the same time; once by HLS, every
  // track is an alternate rendition of it, switched without a restart.
  const audioMenu = (first.audio || []).length > 1
    ? menu('Audio', 'audio-label', first.audio.map((a) => [String(a.id), a.label]),
      String(audioId), async (v) => {
        const before = audioId;
        audioId = Number(v);
        // Each audio track a rendition of the HLS stream: switched in
        // place, the picture goes on. Otherwise the stream restarts with it.
        const inPlace = hls && info.alternate_audio
          ? hls.audioTracks.findIndex((t) => t.attrs['STABLE-RENDITION-ID'] === v) : -1;
        if (inPlace >= 0) hls.audioTrack = inPlace;
        else if (!await restart()) { audioId = before; return; }
        video.dataset.audio = v;
        audioLanguage = languageOf(audioId);
        applyCaptions();
        rememberTracks();
      })
    : null;
  controls.append(qualitySlot, audioMenu || '', captionsMenu || '',
    el('span', { class: 'keys meta', title: PLAYER_KEYS }, 'Keys: space, ← →, f, m, c'));
  await load(saved.position, false);
  applyCaptions();
  // A track the browser finds inside the file appears with the metadata.
  video.textTracks.addEventListener('addtrack', applyCaptions);
  const stopKeys = playerKeys(video, () => box, toggleCaptions);

  // The browser fetches ranges as it needs them: before a fetch could meet
  // an ended signature (a seek, a resume after a pause), swap in a fresh URL
  // at the same position. An HLS stream's signature lasts as long as it plays.
  const renew = async () => {
    if (info.method !== 'direct' || Date.now() < expires - URL_RENEW_MARGIN_S * 1000) return;
    const fresh = await api('GET', `/media/${media.id}/playback-info?${streamQuery()}`).catch(() => null);
    if (!fresh || fresh.method !== 'direct') return;
    info = fresh;
    await load(video.currentTime, !video.paused);
  };
  video.addEventListener('seeking', renew);
  video.addEventListener('play', renew);
  let lastErrorRenew = 0; // a file that fails for another reason must not loop
  video.addEventListener('error', () => {
    if (hls || Date.now() - lastErrorRenew < 60000) return;
    lastErrorRenew = Date.now();
    expires = 0;
    renew();
  });
  const box = el('div', { class: 'player' }, video, controls);
  show(el('h1', {}, heading), box);

  // Previews over the seek bar (binge trickplay): the native controls say
  // nothing of where the pointer is, so the pointer's place along the
  // video's bottom strip (where Chromium and Firefox draw the seek bar) is
  // read as a time.
  if (first.trickplay) {
    const preview = el('div', { class: 'trickplay', hidden: '', 'aria-hidden': 'true' }, el('span'));
    box.append(preview);
    const cues = [];
    fetch(first.trickplay).then((r) => (r.ok ? r.text() : '')).then((text) => {
      const base = first.trickplay.replace(/index\.vtt\?.*$/, '');
      const seconds = (s) => s.split(':').reduce((acc, x) => acc * 60 + Number(x), 0);
      for (const block of text.split('\n\n')) {
        const m = /([\d:.]+) --> ([\d:.]+)\n(\S+)#xywh=(\d+),(\d+),(\d+),(\d+)/.exec(block);
        if (m) cues.push({ start: seconds(m[1]), end: seconds(m[2]), url: base + m[3], x: m[4], y: m[5], w: m[6], h: m[7] });
      }
    }).catch(() => {});
    const SEEK_STRIP_PX = 48;
    const SEEK_MARGIN_PX = 12;
    video.addEventListener('mousemove', (e) => {
      const r = video.getBoundingClientRect();
      const x = e.clientX - r.left;
      const inStrip = e.clientY > r.bottom - SEEK_STRIP_PX && video.duration > 0;
      const at = Math.min(1, Math.max(0, (x - SEEK_MARGIN_PX) / (r.width - 2 * SEEK_MARGIN_PX))) * video.duration;
      const cue = inStrip && cues.find((c) => at >= c.start && at < c.end);
      preview.hidden = !cue;
      if (!cue) return;
      preview.style.width = `${cue.w}px`;
      preview.style.height = `${cue.h}px`;
      preview.style.background = `url("${cue.url}") -${cue.x}px -${cue.y}px`;
      preview.style.left = `${Math.min(Math.max(0, x - cue.w / 2), r.width - cue.w)}px`;
      // Above the seek bar: the box also holds the menus under the video.
      preview.style.bottom = `${box.getBoundingClientRect().bottom - r.bottom + SEEK_STRIP_PX + 8}px`;
      preview.dataset.time = String(Math.floor(at));
      preview.firstChild.textContent = `${Math.floor(at / 60)}:${String(Math.floor(at % 60)).padStart(2, '0')}`;
    });
    video.addEventListener('mouseleave', () => { preview.hidden = true; });
  }

  // "Skip intro" while the intro plays; the next-episode countdown from the
  // start of the credits (or the end, when they are not marked).
  const intro = first.markers?.intro;
  const credits = first.markers?.credits;
  const skip = el('button', { class: 'skip-intro primary', hidden: '', onclick: () => { video.currentTime = intro.end; video.focus(); } }, 'Skip intro');
  box.append(skip);
  let countdownShown = false;
  const countdown = () => {
    if (countdownShown || !onEnded) return;
    countdownShown = true;
    onEnded(box);
  };
  video.addEventListener('timeupdate', () => {
    const t = video.currentTime;
    const inIntro = intro && t >= intro.start && t < intro.end - 1;
    if (inIntro === skip.hidden) skip.hidden = !inIntro;
    if (credits && t >= credits.start && !video.paused) countdown();
  });

  // "Are you still watching?": after the profile's number (3 unless it chose
  // another; 0: never) of episodes started by the countdown in a row, or
  // STILL_WATCHING_IDLE_MS without a key or a click, playback pauses and asks.
  // The countdown marks the episode it starts; anything else the viewer chose.
  if (!store.getItem('autoplayed')) store.setItem('autoplays', '0');
  store.removeItem('autoplayed');
  const autoplays = Number(store.getItem('autoplays') || 0);
  let lastInput = Date.now();
  const input = () => { lastInput = Date.now(); store.setItem('autoplays', '0'); };
  box.addEventListener('pointerdown', input);
  window.addEventListener('keydown', input);
  let asking = false;
  const askStillWatching = () => {
    if (asking) return;
    asking = true;
    video.autoplay = false;
    video.pause();
    const dialog = el('div', { class: 'still-watching', role: 'alertdialog', 'aria-labelledby': 'still-watching-q', 'data-still-watching': '' },
      el('p', { id: 'still-watching-q' }, 'Are you still watching?'),
      el('button', { class: 'primary', onclick: () => { asking = false; input(); dialog.remove(); video.play().catch(() => {}); } }, 'Continue watching'),
      el('a', { class: 'button secondary', href: '#/home' }, 'Back to browse'));
    box.append(dialog);
    dialog.querySelector('button').focus();
  };
  video.addEventListener('timeupdate', () => {
    if (first.still_watching_after !== 0 && !video.paused && Date.now() - lastInput > STILL_WATCHING_IDLE_MS) askStillWatching();
  });
  let lastReport = 0;
  const report = (position) =>
    api('POST', `/playback/${media.id}/progress`, { position }).catch(() => {});
  video.addEventListener('timeupdate', () => {
    if (Math.abs(video.currentTime - lastReport) >= PROGRESS_EVERY_S) {
      lastReport = video.currentTime;
      report(video.currentTime);
    }
  });
  video.addEventListener('play', () => logEvent(titleId, 'start', video.currentTime));
  video.addEventListener('pause', () => {
    report(video.currentTime);
    if (!video.ended) logEvent(titleId, 'stop', video.currentTime);
  });
  video.addEventListener('ended', async () => {
    logEvent(titleId, 'complete', video.duration);
    await report(video.duration);
    countdown();
  });
  // Leaving the player (another page of the app, or closing the tab) saves
  // the position where it is, not where the last 5-second report left it.
  const leave = () => {
    const saving = !video.ended && video.currentTime > 0 ? saveProgressNow(media.id, video.currentTime) : null;
    stopKeys();
    window.removeEventListener('keydown', input);
    if (hls) hls.destroy();
    window.removeEventListener('pagehide', leave);
    return saving;
  };
  leaveView = leave;
  window.addEventListener('pagehide', leave);
  // The profile's count (0: it never asks).
  const askAfter = first.still_watching_after ?? STILL_WATCHING_AFTER;
  if (askAfter > 0 && autoplays >= askAfter) askStillWatching();
  else video.play().catch(() => {}); // autoplay may need a user gesture; the controls remain
}

async function viewWatch(seriesId, season, number) {
  const { items } = await api('GET', `/titles/${seriesId}/seasons/${season}/episodes`);
  const episode = items.find((e) => e.number === number);
  if (!episode || !episode.media.length) throw new ApiError(404, { error: { message: 'This episode cannot be played.' } });
  const series = await api('GET', `/titles/${seriesId}`);
  await play(episode.media[0], `${series.title} · S${season}:E${number} ${episode.title}`, async (box) => {
    const next = await nextEpisode(seriesId, season, number);
    if (!next) {
      box.append(el('div', { class: 'countdown', role: 'status' }, "You're all caught up."));
      return;
    }
    let left = NEXT_EPISODE_COUNTDOWN_S;
    const label = el('span', {}, `Next episode in ${left} s: S${next.season}:E${next.number} ${next.title}`);
    const timer = setInterval(() => {
      left -= 1;
      label.textContent = `Next episode in ${left} s: S${next.season}:E${next.number} ${next.title}`;
      if (left <= 0) {
        clearInterval(timer);
        store.setItem('autoplays', String(Number(store.getItem('autoplays') || 0) + 1));
        store.setItem('autoplayed', '1');
        location.hash = `#/watch/${seriesId}/${next.season}/${next.number}`;
      }
    }, 1000);
    const playNow = el('a', { class: 'primary button', href: `#/watch/${seriesId}/${next.season}/${next.number}`, onclick: () => clearInterval(timer) }, 'Play now');
    const cancel = el('button', { class: 'secondary', onclick: () => { clearInterval(timer); overlay.remove(); } }, 'Cancel');
    const overlay = el('div', { class: 'countdown', role: 'status', 'data-countdown': '' }, label, playNow, cancel);
    box.append(overlay);
    playNow.focus();
  }, episode.id);
}

async function viewFilm(id) {
  const t = await api('GET', `/titles/${id}`);
  if (!t.media?.length) throw new ApiError(404, { error: { message: 'This film cannot be played.' } });
  await play(t.media[0], t.title, null, t.id);
}

// The audience analytics as charts: the SVG is fetched with the admin's
// token (an <img src> could not send it) and shown from a blob URL.
function audienceSection(token) {
  const chart = el('div', { class: 'chart', 'aria-live': 'polite' });
  const form = el('form', {
    onsubmit: async (e) => {
      e.preventDefault();
      const f = new FormData(form);
      const kind = f.get('kind');
      const q = new URLSearchParams(kind === 'watch-order' ? { titles: f.get('title') } : { title: f.get('title') });
      for (const k of ['since', 'until', 'territory']) if (f.get(k)) q.set(k, f.get(k));
      const res = await fetch(`/api/v1/stats/${kind}.svg?${q}`, { headers: { Authorization: `Bearer ${token}` } });
      if (!res.ok) {
        const data = await res.json().catch(() => null);
        chart.replaceChildren(el('p', { class: 'error', role: 'alert' }, data?.error?.message || `HTTP ${res.status}`));
        return;
      }
      const img = el('img', { src: URL.createObjectURL(await res.blob()), alt: `${kind} chart for ${f.get('title')}`, 'data-chart': kind });
      chart.replaceChildren(img);
    },
  },
  el('label', {}, 'Report ', el('select', { name: 'kind' },
    [['binge', 'Bingeing per season'], ['next', 'Next title'], ['gateways', 'Gateways'],
      ['watch-order', 'Watch order (titles, comma-separated)'], ['starts', 'Starts per day']]
      .map(([v, t]) => el('option', { value: v }, t)))),
  el('label', {}, ' Title ', el('input', { name: 'title', required: '', placeholder: 'Jessica Jones' })),
  el('label', {}, ' Territory ', el('input', { name: 'territory', size: 2, maxlength: 2, placeholder: 'all' })),
  el('label', {}, ' Since ', el('input', { name: 'since', type: 'date' })),
  el('label', {}, ' Until ', el('input', { name: 'until', type: 'date' })),
  el('button', { class: 'primary', type: 'submit' }, 'Show'));
  return [el('h1', {}, 'Audience'), form, chart];
}

async function viewAdmin() {
  const token = store.getItem('account');
  const { items } = await api('GET', '/titles?limit=200', undefined, token);
  // Who sees each title now: the list says, for an admin, and why nobody does.
  const seenBy = (a) => (a.hidden ? `Nobody: ${a.hidden}` : a.worldwide ? 'Worldwide' : `${a.territories} territor${a.territories === 1 ? 'y' : 'ies'}`);
  const rows = await Promise.all(items.map(async (t) => {
    const { windows } = await api('GET', `/titles/${t.id}/availability`, undefined, token);
    return el('tr', { 'data-hidden': t.availability.hidden ? 'true' : 'false' }, el('td', {}, t.title), el('td', {}, t.kind), el('td', {}, t.rating || 'unrated'),
      el('td', { class: t.availability.hidden ? 'error' : '' }, seenBy(t.availability)),
      el('td', {}, windows.map((w) => `${w.platform}: ${w.territories === 'worldwide' ? 'worldwide' : w.territories.join(',')} from ${w.from.slice(0, 10)}${w.until ? ` until ${w.until.slice(0, 10)}` : ''}`).join('; ') || 'no window'));
  }));
  const hiddenCount = items.filter((t) => t.availability.hidden).length;
  const onlyHidden = el('input', {
    type: 'checkbox',
    onchange: () => rows.forEach((r) => { r.hidden = onlyHidden.checked && r.dataset.hidden !== 'true'; }),
  });
  const libs = await api('GET', '/libraries', undefined, token);
  const report = el('p', { class: 'meta', role: 'status' });
  const scan = async (lib) => {
    report.textContent = `Scanning ${lib.path}...`;
    try {
      const r = await api('POST', `/libraries/${lib.id}/scan`, undefined, token);
      const x = r.reach;
      report.textContent = `${lib.path}: ${r.added} added, ${r.changed} changed, ${r.moved} moved, ${r.deleted} deleted, ${r.unchanged} unchanged, ${r.skipped} skipped. `
        + `${x.titles} titles (${r.new_titles} new): ${x.worldwide} seen worldwide, ${x.some_territories} in some territories, ${x.nobody} by no viewer`
        + (x.nobody ? ` (no open licence window: ${x.nobody_names.join(', ')}${x.nobody > x.nobody_names.length ? ', ...' : ''})` : '') + '.';
    } catch (err) {
      report.textContent = err.message;
    }
  };
  const addForm = el('form', {
    onsubmit: async (e) => {
      e.preventDefault();
      try {
        const f = new FormData(addForm);
        const where = String(f.get('territories') || '').trim().toUpperCase();
        const availability = f.get('policy') === 'none' ? null : {
          platform: f.get('platform') || 'binge',
          territories: !where || where === 'WORLDWIDE' ? 'worldwide' : where.split(/[\s,]+/).filter(Boolean),
        };
        await api('POST', '/libraries', { path: f.get('path'), availability }, token);
        route();
      } catch (err) {
        report.textContent = err.message;
      }
    },
  }, el('label', {}, 'Folder ', el('input', { name: 'path', placeholder: '/srv/media', required: '' })),
  el('label', {}, ' New titles ', el('select', { name: 'policy' },
    el('option', { value: 'window' }, 'get a licence window'), el('option', { value: 'none' }, 'wait for a window I add'))),
  el('label', {}, ' on ', el('input', { name: 'platform', placeholder: 'binge', size: 10 })),
  el('label', {}, ' in ', el('input', { name: 'territories', placeholder: 'worldwide or US, GB', size: 16 })),
  el('button', { class: 'primary', type: 'submit' }, 'Add library'));
  show(...audienceSection(token), el('h1', {}, 'Libraries'),
    el('table', {}, el('tbody', {}, libs.items.map((l) => el('tr', {}, el('td', {}, l.path),
      el('td', {}, `${l.files} files`),
      el('td', {}, l.availability ? `new titles on ${l.availability.platform}, ${l.availability.territories}` : 'new titles wait for a window'),
      el('td', {}, el('button', { class: 'primary', onclick: () => scan(l) }, 'Scan now')))))),
    addForm, report,
    el('h1', {}, 'Titles and licence windows'),
    el('p', { class: 'meta' }, `${hiddenCount} of ${items.length} titles are seen by no viewer. `,
      el('label', {}, onlyHidden, ' Show only those')),
    el('table', {}, el('thead', {}, el('tr', {}, ['Title', 'Kind', 'Rating', 'Seen by', 'Windows'].map((h) => el('th', {}, h)))),
      el('tbody', {}, rows)));
}

// What the shown view does when the viewer leaves it (the player saves the
// position); route() calls it before the next view loads, and waits for it
// (at most LEAVE_WAIT_MS) so that view reads what was just saved.
let leaveView = null;
const LEAVE_WAIT_MS = 2000;

async function route() {
  if (leaveView) {
    const left = leaveView();
    leaveView = null;
    await Promise.race([left, new Promise((resolve) => setTimeout(resolve, LEAVE_WAIT_MS))]);
  }
  renderNav();
  const parts = location.hash.replace(/^#\/?/, '').split('/');
  const needs = { profiles: 'account', admin: 'account' };
  try {
    if (!store.getItem('account') && parts[0] !== 'login') return void (location.hash = '#/login');
    if (parts[0] === 'login') return viewLogin();
    if (parts[0] === 'profiles') return await viewProfiles();
    if (!store.getItem('profile') && !needs[parts[0]]) return void (location.hash = '#/profiles');
    if (parts[0] === 'title') return await viewTitle(Number(parts[1]));
    if (parts[0] === 'search') return viewSearch(decodeURIComponent(parts[1] || ''));
    if (parts[0] === 'watch') return await viewWatch(Number(parts[1]), Number(parts[2]), Number(parts[3]));
    if (parts[0] === 'film') return await viewFilm(Number(parts[1]));
    if (parts[0] === 'admin') return await viewAdmin();
    return await viewHome();
  } catch (err) {
    if (err.status === 401) {
      store.clear();
      location.hash = '#/login';
      return;
    }
    show(el('p', { class: 'error', role: 'alert' }, err.message));
  }
}

window.addEventListener('hashchange', route);
route();
