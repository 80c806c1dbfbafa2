// search.js - #/search/QUERY: results as the viewer types.

import { api } from './api.js';
import { el, show } from './dom.js';
import { card } from './cards.js';

// Search as you type: titles as cards (near names too: "jesica jones"
// finds Jessica Jones), then people and the characters they play. The
// query stays in the address, so a reload or Back keeps it.
export function viewSearch(initial) {
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
