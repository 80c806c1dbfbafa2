// play_target.js - where a title's Play button goes, and what it says:
// "Resume" where the profile stopped, else the next episode, else the
// first one that can be played (the billboard and the title page).

import { api } from './api.js';

const episodeLabel = (it) => `S${it.season}:E${it.number}`;

// t: a title as GET /titles/{id} gives it; rows: the home rows, if loaded.
// Resolves to {href, label, resume} or null when nothing can be played.
export async function playTarget(t, rows) {
  if (t.kind === 'film') {
    const media = t.media?.[0];
    if (!media) return null;
    const { position } = await api('GET', `/playback/${media.id}`).catch(() => ({ position: 0 }));
    return { href: `#/film/${t.id}`, label: position > 0 ? 'Resume' : 'Play', resume: position > 0 };
  }
  const home = rows || (await api('GET', '/home')).rows;
  const mine = (id) => home.find((r) => r.id === id)?.items.find((it) => it.series_id === t.id && it.media?.length);
  const started = mine('continue_watching');
  if (started) return { href: `#/watch/${t.id}/${started.season}/${started.number}`, label: `Resume ${episodeLabel(started)}`, resume: true };
  const next = mine('next_up');
  if (next) return { href: `#/watch/${t.id}/${next.season}/${next.number}`, label: `Play ${episodeLabel(next)}`, resume: false };
  for (const s of (t.seasons || []).filter((x) => x.number > 0)) {
    const { items } = await api('GET', `/titles/${t.id}/seasons/${s.number}/episodes`);
    const first = items.find((e) => e.media.length);
    if (first) return { href: `#/watch/${t.id}/${s.number}/${first.number}`, label: `Play ${episodeLabel({ season: s.number, number: first.number })}`, resume: false };
  }
  return null;
}
