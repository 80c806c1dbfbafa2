// admin.js - #/admin: audience charts, libraries and their availability
// policies, titles with who can see them and their licence windows.

import { api, store } from './api.js';
import { el, show } from './dom.js';

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

// Accounts: who they are, when they were last seen, what they stream now;
// add one, change its territory, disable or enable it, reset its password,
// delete it (PATCH and DELETE /users/ID).
async function usersSection(token, route) {
  const { items } = await api('GET', '/users', undefined, token);
  const status = el('p', { class: 'meta', role: 'status', 'aria-live': 'polite' });
  const act = async (what, fn) => {
    try {
      await fn();
      status.textContent = what;
      route();
    } catch (err) {
      status.textContent = err.message;
    }
  };
  const when = (t) => (t ? t.replace('T', ' ').slice(0, 16) : 'never');
  const rows = items.map((u) => el('tr', { 'data-user': u.name },
    el('td', {}, u.name, u.admin ? el('span', { class: 'meta' }, ' (admin)') : null),
    el('td', {}, el('input', {
      value: u.territory, size: 2, maxlength: 2, 'aria-label': `Territory of ${u.name}`,
      onchange: (e) => act(`${u.name} is now in ${e.target.value.toUpperCase()}.`,
        () => api('PATCH', `/users/${u.id}`, { territory: e.target.value.toUpperCase() }, token)),
    })),
    el('td', {}, u.disabled ? 'disabled' : u.must_change_password ? 'must change password' : 'active'),
    el('td', {}, when(u.last_active)),
    el('td', {}, String(u.profiles)),
    el('td', {}, String(u.streams)),
    el('td', { class: 'actions' },
      el('button', {
        class: 'secondary', 'data-action': 'disable',
        onclick: () => act(`${u.name} ${u.disabled ? 'enabled' : 'disabled'}.`,
          () => api('PATCH', `/users/${u.id}`, { disabled: !u.disabled }, token)),
      }, u.disabled ? 'Enable' : 'Disable'),
      el('button', {
        class: 'secondary', 'data-action': 'reset',
        onclick: () => {
          const password = window.prompt(`A temporary password for ${u.name} (at least 8 characters); they choose their own at the next sign-in:`);
          if (password) act(`${u.name}'s password was reset.`, () => api('PATCH', `/users/${u.id}`, { password }, token));
        },
      }, 'Reset password'),
      el('button', {
        class: 'secondary', 'data-action': 'delete',
        onclick: () => {
          if (window.confirm(`Delete ${u.name} with its profiles and viewing history?`)) {
            act(`${u.name} deleted.`, () => api('DELETE', `/users/${u.id}`, undefined, token));
          }
        },
      }, 'Delete'))));
  const form = el('form', {
    class: 'inline',
    onsubmit: (e) => {
      e.preventDefault();
      const f = new FormData(form);
      act(`${f.get('name')} added.`, () => api('POST', '/users', {
        name: f.get('name'), password: f.get('password'), territory: String(f.get('territory')).toUpperCase(), admin: f.get('admin') === 'on',
      }, token));
    },
  },
  el('label', {}, 'Name ', el('input', { name: 'name', required: true, autocomplete: 'off' })),
  el('label', {}, ' Password ', el('input', { name: 'password', type: 'password', minlength: 8, required: true, autocomplete: 'new-password' })),
  el('label', {}, ' Territory ', el('input', { name: 'territory', size: 2, maxlength: 2, required: true, placeholder: 'US' })),
  el('label', {}, el('input', { name: 'admin', type: 'checkbox' }), ' Admin'),
  el('button', { class: 'primary', type: 'submit' }, 'Add account'));
  // The list filtered as the admin types: a service has many accounts.
  const filter = el('input', {
    type: 'search', placeholder: 'Find an account', 'aria-label': 'Find an account',
    oninput: () => {
      const q = filter.value.trim().toLowerCase();
      rows.forEach((r) => { r.hidden = q !== '' && !r.dataset.user.toLowerCase().includes(q); });
    },
  });
  // An invitation: a link shown once, for the admin to send.
  const link = el('p', { class: 'meta', role: 'status', 'data-invite-link': '' });
  const invite = el('form', {
    class: 'inline',
    onsubmit: async (e) => {
      e.preventDefault();
      const f = new FormData(invite);
      try {
        const r = await api('POST', '/invites', { territory: String(f.get('territory')).toUpperCase(), admin: f.get('admin') === 'on', days: Number(f.get('days')) }, token);
        link.replaceChildren('Send this link (it works once, until ', r.expires_at.slice(0, 10), '): ',
          el('code', {}, `${location.origin}${r.link}`));
      } catch (err) {
        link.textContent = err.message;
      }
    },
  },
  el('label', {}, 'Invite someone in ', el('input', { name: 'territory', size: 2, maxlength: 2, required: true, placeholder: 'US' })),
  el('label', {}, el('input', { name: 'admin', type: 'checkbox' }), ' as an admin'),
  el('label', {}, ' for ', el('input', { name: 'days', type: 'number', min: 1, max: 30, value: 7, style: 'width: 4rem' }), ' days'),
  el('button', { class: 'primary', type: 'submit' }, 'Make a link'));
  return [el('h1', {}, 'Accounts'), filter,
    el('table', { 'data-table': 'users' }, el('thead', {}, el('tr', {}, ['Name', 'Territory', 'Status', 'Last active', 'Profiles', 'Streaming now', ''].map((h) => el('th', {}, h)))),
      el('tbody', {}, rows)), form, invite, link, status];
}

// A title's licence windows as a line, and an editor that replaces them
// all (PUT /titles/ID/availability): remove one, or add one.
const windowText = (w) => `${w.platform}: ${w.territories === 'worldwide' ? 'worldwide' : w.territories.join(',')} from ${w.from.slice(0, 10)}${w.until ? ` until ${w.until.slice(0, 10)}` : ''}`;
function windowsEditor(t, token, onSaved) {
  const windows = t.availability.windows.map((w) => ({ platform: w.platform, territories: w.territories, from: w.from.slice(0, 10), until: w.until ? w.until.slice(0, 10) : undefined }));
  const error = el('p', { class: 'error', role: 'alert' });
  const box = el('div', { class: 'windows-editor', 'data-editor': t.id });
  const save = async () => {
    try {
      await api('PUT', `/titles/${t.id}/availability`, { windows }, token);
      onSaved();
    } catch (err) {
      error.textContent = err.message;
    }
  };
  const draw = () => {
    const add = el('form', {
      class: 'inline',
      onsubmit: (e) => {
        e.preventDefault();
        const f = new FormData(add);
        const where = String(f.get('territories')).trim().toUpperCase();
        windows.push({ platform: f.get('platform'), territories: where === 'WORLDWIDE' ? 'worldwide' : where.split(/[\s,]+/).filter(Boolean), from: f.get('from'), until: f.get('until') || undefined });
        save();
      },
    },
    el('label', {}, 'Platform ', el('input', { name: 'platform', required: true, size: 10, value: 'binge' })),
    el('label', {}, ' Territories ', el('input', { name: 'territories', required: true, size: 14, placeholder: 'worldwide or US, GB' })),
    el('label', {}, ' From ', el('input', { name: 'from', type: 'date', required: true })),
    el('label', {}, ' Until ', el('input', { name: 'until', type: 'date' })),
    el('button', { class: 'primary', type: 'submit' }, 'Add window'));
    box.replaceChildren(el('ul', {}, windows.map((w, i) => el('li', {}, windowText(w), ' ',
      el('button', { class: 'secondary', 'aria-label': `Remove ${windowText(w)}`, onclick: () => { windows.splice(i, 1); save(); } }, 'Remove')))),
    add, error);
  };
  draw();
  return box;
}

// Titles: pages of 50 from one request each (their windows and who sees
// them come with the list), found by name, filtered to those nobody sees.
function titlesSection(token) {
  const seenBy = (a) => (a.hidden ? `Nobody: ${a.hidden}` : a.worldwide ? 'Worldwide' : `${a.territories} territor${a.territories === 1 ? 'y' : 'ies'}`);
  const tbody = el('tbody');
  const status = el('p', { class: 'meta', role: 'status', 'aria-live': 'polite' });
  const more = el('button', { class: 'secondary', hidden: true }, 'More titles');
  const search = el('input', { type: 'search', placeholder: 'Find a title', 'aria-label': 'Find a title' });
  const onlyHidden = el('input', { type: 'checkbox' });
  let cursor = null;
  let shown = 0;
  let hidden = 0;
  const row = (t) => {
    const tr = el('tr', { 'data-hidden': t.availability.hidden ? 'true' : 'false', 'data-title': t.title },
      el('td', {}, t.title), el('td', {}, t.kind), el('td', {}, t.rating || 'unrated'),
      el('td', { class: t.availability.hidden ? 'error' : '' }, seenBy(t.availability)),
      el('td', {}, t.availability.windows.map(windowText).join('; ') || 'no window'),
      el('td', {}, el('button', {
        class: 'secondary', 'data-edit-windows': '',
        onclick: () => {
          const next = tr.nextElementSibling;
          if (next?.dataset.editorRow) { next.remove(); return; }
          tr.after(el('tr', { 'data-editor-row': 'true' }, el('td', { colspan: 6 }, windowsEditor(t, token, () => load(true)))));
        },
      }, 'Edit windows')));
    tr.hidden = onlyHidden.checked && !t.availability.hidden;
    return tr;
  };
  const load = async (fresh) => {
    if (fresh) { cursor = null; shown = 0; hidden = 0; tbody.replaceChildren(); }
    const q = new URLSearchParams({ limit: '50' });
    if (search.value.trim()) q.set('q', search.value.trim());
    if (cursor) q.set('cursor', cursor);
    const page = await api('GET', `/titles?${q}`, undefined, token);
    tbody.append(...page.items.map(row));
    shown += page.items.length;
    hidden += page.items.filter((t) => t.availability.hidden).length;
    cursor = page.next_cursor;
    more.hidden = !cursor;
    status.textContent = `${shown} titles shown${cursor ? ' (more below)' : ''}; ${hidden} of them seen by no viewer.`;
  };
  let timer = 0;
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => load(true), 250); });
  onlyHidden.addEventListener('change', () => {
    for (const tr of tbody.querySelectorAll('tr[data-title]')) tr.hidden = onlyHidden.checked && tr.dataset.hidden !== 'true';
  });
  more.addEventListener('click', () => load(false));
  load(true).catch((err) => { status.textContent = err.message; });
  return [el('h1', {}, 'Titles and licence windows'),
    el('div', { class: 'browse-bar' }, search, el('label', {}, onlyHidden, ' Only titles no viewer sees')), status,
    el('table', { 'data-table': 'titles' }, el('thead', {}, el('tr', {}, ['Title', 'Kind', 'Rating', 'Seen by', 'Windows', ''].map((h) => el('th', {}, h)))),
      tbody), more];
}

export async function viewAdmin(route) {
  const token = store.getItem('account');
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
    class: 'inline',
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
  const users = await usersSection(token, route);
  show(...users, ...audienceSection(token), el('h1', {}, 'Libraries'),
    el('table', {}, el('tbody', {}, libs.items.map((l) => el('tr', {}, el('td', {}, l.path),
      el('td', {}, `${l.files} files`),
      el('td', {}, l.availability ? `new titles on ${l.availability.platform}, ${l.availability.territories}` : 'new titles wait for a window'),
      el('td', {}, el('button', { class: 'primary', onclick: () => scan(l) }, 'Scan now')))))),
    addForm, report, ...titlesSection(token));
}
