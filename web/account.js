// account.js - #/account: the account's own settings: its password (a
// change signs out every other device). After an admin's reset it is the
// only page the account may open.

import { api, store } from './api.js';
import { el, show } from './dom.js';

export function viewAccount() {
  const mustChange = store.getItem('must_change') === '1';
  const status = el('p', { role: 'status', class: 'meta' });
  const error = el('p', { class: 'error', role: 'alert' });
  const form = el('form', {
    onsubmit: async (e) => {
      e.preventDefault();
      const f = new FormData(form);
      if (f.get('new') !== f.get('again')) {
        error.textContent = 'The new password and its repetition differ.';
        return;
      }
      try {
        const { token } = await api('POST', '/account/password', { current: f.get('current'), new: f.get('new') }, store.getItem('account'));
        store.setItem('account', token);
        store.removeItem('profile');
        store.removeItem('must_change');
        error.textContent = '';
        status.textContent = 'Password changed: every other device is signed out.';
        form.reset();
        if (mustChange) location.hash = '#/profiles';
      } catch (err) {
        error.textContent = err.message;
      }
    },
  },
  el('label', {}, 'Present password ', el('input', { name: 'current', type: 'password', autocomplete: 'current-password', required: true })),
  el('label', {}, 'New password (at least 8 characters) ', el('input', { name: 'new', type: 'password', autocomplete: 'new-password', minlength: 8, required: true })),
  el('label', {}, 'New password again ', el('input', { name: 'again', type: 'password', autocomplete: 'new-password', minlength: 8, required: true })),
  el('button', { class: 'primary', type: 'submit' }, 'Change password'), error, status);
  const devices = el('section', { 'data-section': 'devices' });
  const listDevices = async () => {
    const { items } = await api('GET', '/account/sessions', undefined, store.getItem('account'));
    const when = (t) => t.replace('T', ' ').slice(0, 16);
    devices.replaceChildren(el('h2', {}, 'Devices signed in'),
      el('table', {}, el('tbody', {}, items.map((d) => el('tr', { 'data-device': d.device },
        el('td', {}, d.device, d.current ? el('span', { class: 'meta' }, ' (this device)') : null),
        el('td', { class: 'meta' }, d.address || ''),
        el('td', { class: 'meta' }, `last seen ${when(d.last_seen)}`),
        el('td', {}, d.current ? null : el('button', {
          class: 'secondary',
          onclick: async () => {
            await api('DELETE', `/account/sessions/${d.id}`, undefined, store.getItem('account')).catch(() => {});
            listDevices();
          },
        }, 'Sign out')))))));
  };
  show(el('h1', {}, 'Account'),
    mustChange ? el('p', { role: 'alert' }, 'Your password was reset by the service. Choose a new one to go on.') : null,
    el('h2', {}, 'Password'), form, mustChange ? null : devices);
  if (!mustChange) listDevices().catch(() => {});
}
