// cards.js - what every catalogue view is made of: a title's picture, its
// card, a row of cards that scrolls sideways, and a profile's avatar.

import { el } from './dom.js';

// A colour of a name's own, so no two titles (or profiles) look alike.
function hueOf(name) {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return hash % 360;
}

// A title's picture for a 16:9 card: its backdrop (or an episode's still),
// else its poster; without art, a card made from its whole name.
export function artOf(title, images, width = 480, loading = 'lazy') {
  const src = images?.backdrop || images?.still || images?.poster;
  if (src) {
    return el('div', { class: 'art', 'aria-hidden': 'true' },
      el('img', { src: `${src}&w=${width}`, alt: '', loading, decoding: 'async' }));
  }
  const hue = hueOf(title);
  const art = el('div', { class: 'art generated', 'aria-hidden': 'true' }, el('span', {}, title));
  art.style.background = `linear-gradient(135deg, hsl(${hue} 45% 32%), hsl(${(hue + 50) % 360} 55% 16%))`;
  return art;
}

// Where a card leads: an episode plays, a playable film plays, else its page.
export function hrefOf(item) {
  if (item.kind === 'episode') return `#/watch/${item.series_id}/${item.season}/${item.number}`;
  if (item.kind === 'film' && item.media?.length) return `#/film/${item.id}`;
  return `#/title/${item.id}`;
}

export function card(item) {
  const label = item.kind === 'episode' ? `${item.series_title} S${item.season}:E${item.number}` : item.title;
  const progress = item.position && item.media?.[0]?.duration
    ? Math.min(100, Math.round((100 * item.position) / item.media[0].duration)) : 0;
  return el('a', { class: 'card', href: hrefOf(item), 'data-id': item.id },
    artOf(item.kind === 'episode' ? item.series_title : item.title, item.images),
    progress ? el('div', { class: 'progress', role: 'progressbar', 'aria-label': 'watched', 'aria-valuenow': progress },
      el('span', { style: `width: ${progress}%` })) : null,
    el('div', { class: 'card-title' }, label),
    item.position ? el('div', { class: 'meta' }, `resume at ${Math.floor(item.position / 60)}:${String(Math.floor(item.position % 60)).padStart(2, '0')}`) : null);
}

// A row of cards that scrolls sideways, as on every streaming home page:
// by touch or trackpad, by the arrow buttons (a mouse), or by Tab from
// card to card (the browser scrolls the focused card into view).
export function row(id, title, items, { heading = 'h2', more = null } = {}) {
  const cards = el('div', { class: 'cards scroller', role: 'list' },
    items.map((it) => { const c = card(it); c.setAttribute('role', 'listitem'); return c; }));
  const page = (dir) => cards.scrollBy({ left: dir * cards.clientWidth * 0.9, behavior: 'smooth' });
  const back = el('button', { class: 'scroll back', 'aria-label': `Scroll ${title} back`, onclick: () => page(-1) }, '‹');
  const ahead = el('button', { class: 'scroll ahead', 'aria-label': `Scroll ${title} ahead`, onclick: () => page(1) }, '›');
  const update = () => {
    back.hidden = cards.scrollLeft <= 2;
    ahead.hidden = cards.scrollLeft + cards.clientWidth >= cards.scrollWidth - 2;
  };
  cards.addEventListener('scroll', update, { passive: true });
  new ResizeObserver(update).observe(cards);
  return el('section', { class: 'row', 'data-row': id, 'aria-label': title },
    el(heading, {}, title, more ? el('a', { class: 'more', href: more }, 'See all') : null),
    el('div', { class: 'row-body' }, back, cards, ahead));
}

// The avatars a profile's owner can pick (PATCH /profiles/ID {"avatar"}).
export const AVATARS = 12;

// A profile's picture: its initial on the colours of the avatar picked,
// else on colours of its name's own.
export function avatar(name, size = '', picked = null) {
  const hue = picked === null || picked === undefined ? hueOf(name) : (picked * 360) / AVATARS;
  const a = el('span', { class: `avatar ${size}`, 'aria-hidden': 'true' }, [...name][0]?.toUpperCase() || '?');
  a.style.background = `linear-gradient(135deg, hsl(${hue} 60% 45%), hsl(${(hue + 40) % 360} 65% 30%))`;
  return a;
}
