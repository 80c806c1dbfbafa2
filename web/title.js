// title.js - #/title/ID: a series or film: its picture, a Play or Resume
// button, synopsis and cast, seasons with their episodes, critics and
// home-media releases, buzz, awards, story order, and more like it.

import { api } from './api.js';
import { el, show } from './dom.js';
import { artOf, row } from './cards.js';
import { playTarget } from './play_target.js';

// An episode's runtime: its own, else its file's length.
function runtimeOf(e) {
  const minutes = e.runtime_minutes ?? (e.media?.[0]?.duration ? Math.round(e.media[0].duration / 60) : null);
  return minutes ? ` · ${minutes} min` : '';
}

export async function viewTitle(id) {
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
  const similar = el('div');
  api('GET', `/titles/${id}/similar`).then(({ items }) => {
    if (items.length) similar.replaceWith(row('similar', 'More like this', items));
  }).catch(() => {});
  // Critic reception per season: approval with its interval, average, weighted score and band.
  const reception = el('section', { 'data-section': 'reception' });
  const homeMedia = el('section', { 'data-section': 'home-media' });
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
    // Its DVD and Blu-ray releases, per season, as the article lists them.
    const releases = r.seasons.flatMap((x) => (x.home_media || []).map((h) =>
      el('li', {}, `${t.kind === 'film' ? '' : `Season ${x.number}: `}${h.format}${h.region ? ` (region ${h.region})` : ''}${h.date ? `, ${h.date}` : ''}`)));
    if (releases.length) homeMedia.replaceChildren(el('h2', {}, 'On DVD and Blu-ray'), el('ul', { class: 'meta' }, releases));
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
  // Play or Resume, at the top as on every streaming service's title page.
  // My List: a toggle, pressed while the title is on the list.
  let mine = Boolean(t.in_my_list);
  const listButton = el('button', { class: 'secondary', 'data-my-list': '', 'aria-pressed': String(mine) });
  const drawList = () => {
    listButton.textContent = mine ? '✓ My List' : '+ My List';
    listButton.setAttribute('aria-pressed', String(mine));
  };
  drawList();
  listButton.addEventListener('click', async () => {
    const r = await api(mine ? 'DELETE' : 'PUT', `/my-list/${t.id}`).catch(() => null);
    if (r) { mine = r.in_my_list; drawList(); }
  });
  const actions = el('div', { class: 'actions' }, listButton);
  playTarget(t).then((target) => {
    if (target) actions.prepend(el('a', { class: 'button primary', href: target.href, 'data-play': target.resume ? 'resume' : 'play' }, `▶ ${target.label}`));
  }).catch(() => {});
  const cast = t.credits.filter((c) => c.role === 'cast').slice(0, 12)
    .map((c) => `${c.person}${c.character ? ` as ${c.character}` : ''}`).join(', ');
  show(el('div', { class: 'hero' }, artOf(t.title, t.images, 1280, 'eager'),
    t.images?.poster ? el('img', { class: 'poster', src: `${t.images.poster}&w=320`, alt: `${t.title} poster` }) : null),
    el('h1', {}, t.title),
    el('p', { class: 'meta' }, [t.first_aired?.slice(0, 4), t.rating?.value, t.genres.join(', ')].filter(Boolean).join(' · ')),
    actions,
    el('p', {}, (t.synopsis || '').split('\n\n')[0]),
    cast ? el('p', { class: 'meta' }, `Cast: ${cast}`) : null,
    reception, homeMedia,
    t.seasons.length ? null : el('p', { class: 'meta' }, t.kind === 'film' ? '' : 'No released seasons yet.'),
    el('div', { class: 'seasons' }, t.seasons.map((s) =>
      el('button', { class: 'profile', onclick: () => loadSeason(s.number) }, `Season ${s.number}`))),
    episodes, buzz, awards, timeline, similar);
  if (t.seasons.length) await loadSeason(t.seasons[0].number);
}
