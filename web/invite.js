// invite.js - #/invite/TOKEN: someone an admin invited opens an account:
// a name and a password, then the profile picker.

import { api, store } from './api.js';
import { el, show } from './dom.js';

export function viewInvite(token) {
  const error = el('p', { class: 'error', role: 'alert' });
  const form = el('form', {
    onsubmit: async (e) => {
      e.preventDefault();
      const f = new FormData(form);
      if (f.get('password') !== f.get('again')) {
        error.textContent = 'The password and its repetition differ.';
        return;
      }
      try {
        const r = await api('POST', '/invites/accept', { token, name: f.get('name'), password: f.get('password') }, null);
        store.clear();
        store.setItem('account', r.token);
        location.hash = '#/profiles';
      } catch (err) {
        error.textContent = err.message;
      }
    },
  },
  el('label', {}, 'User name ', el('input', { name: 'name', autocomplete: 'username', required: true, maxlength: 100 })),
  el('label', {}, 'Password (at least 8 characters) ', el('input', { name: 'password', type: 'password', autocomplete: 'new-password', minlength: 8, required: true })),
  el('label', {}, 'Password again ', el('input', { name: 'again', type: 'password', autocomplete: 'new-password', minlength: 8, required: true })),
  el('button', { class: 'primary', type: 'submit' }, 'Create my account'), error);
  show(el('h1', {}, "You're invited"), el('p', { class: 'meta' }, 'Choose a name and a password to start watching.'), form);
}
