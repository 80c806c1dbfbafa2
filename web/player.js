// player.js - #/watch/SERIES/SEASON/EPISODE and #/film/ID: the player.
//
// <video> cannot send an Authorization header, so a stream plays from a
// short-lived signed URL (GET /media/ID/playback-info), renewed on a seek
// or a resume once it is near its end. Direct play, or HLS through hls.js;
// audio and subtitle menus, trickplay previews, skip intro, the next
// episode's countdown, and "Are you still watching?".

import { api, ApiError, store } from './api.js';
import { el, show, leaving } from './dom.js';

const PROGRESS_EVERY_S = 5;
const NEXT_EPISODE_COUNTDOWN_S = 10;
const STILL_WATCHING_AFTER = 3;
const STILL_WATCHING_IDLE_MS = 90 * 60 * 1000;

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
  let saved;
  let first;
  try {
    [saved, first] = await Promise.all([
      api('GET', `/playback/${media.id}`), api('GET', `/media/${media.id}/playback-info?${deviceReport()}`)]);
  } catch (err) {
    // The account's limit on simultaneous streams: say who holds the places,
    // and offer to stop one, then start again.
    if (err.status === 409 && err.body?.streams) return tooManyStreams(err, () => play(media, heading, onEnded, titleId));
    throw err;
  }
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
        if (startAt > 0 && startAt < video.duration - 1) video.currentTime = startAt;
        if (resume) video.play().catch(() => {});
      }, { once: true });
      video.src = info.url;
    } else {
      const Hls = await loadHlsJs();
      video.removeAttribute('src');
      hls = new Hls({ startPosition: startAt > 0 ? startAt : -1, capLevelToPlayerSize: true });
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
  // A report refused because another device stopped this stream: stop here too.
  const report = (position) =>
    api('POST', `/playback/${media.id}/progress`, { position }).catch((err) => {
      if (err.status !== 409 || box.querySelector('[data-stopped]')) return;
      video.pause();
      box.append(el('div', { class: 'still-watching', role: 'alertdialog', 'data-stopped': '' },
        el('p', {}, err.message), el('a', { class: 'button primary', href: '#/home' }, 'Back to browse')));
    });
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
  leaving.fn = leave;
  window.addEventListener('pagehide', leave);
  // The profile's count (0: it never asks).
  const askAfter = first.still_watching_after ?? STILL_WATCHING_AFTER;
  if (askAfter > 0 && autoplays >= askAfter) askStillWatching();
  else video.play().catch(() => {}); // autoplay may need a user gesture; the controls remain
}

// The 409 of the stream limit as a page: the devices streaming now, each
// with a button that stops it (DELETE /streams/ID), then play goes on.
function tooManyStreams(err, retry) {
  const status = el('p', { class: 'error', role: 'alert' });
  show(el('h1', {}, 'Too many devices are streaming'),
    el('p', {}, err.message),
    el('ul', { class: 'streams' }, err.body.streams.map((s) => el('li', { 'data-stream': s.device_name },
      `${s.device_name}: ${s.profile ? `${s.profile} watching ` : ''}${s.title || 'a title'}`, ' ',
      el('button', {
        class: 'secondary',
        onclick: async () => {
          try {
            await api('DELETE', `/streams/${s.device}`);
            await retry();
          } catch (e) {
            status.textContent = e.message;
          }
        },
      }, `Stop it and watch here`)))),
    status, el('a', { class: 'button secondary', href: '#/home' }, 'Back to browse'));
}

export async function viewWatch(seriesId, season, number) {
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

export async function viewFilm(id) {
  const t = await api('GET', `/titles/${id}`);
  if (!t.media?.length) throw new ApiError(404, { error: { message: 'This film cannot be played.' } });
  await play(t.media[0], t.title, null, t.id);
}
