// login.js - #/login: an account signs in.

import { api, store } from './api.js';
import { el, show } from './dom.js';

export function viewLogin() {
  const error = el('p', { class: 'error', role: 'alert' });
  const form = el('form', {
    onsubmit: async (e) => {
      e.preventDefault();
      const data = new FormData(form);
      try {
        const { token, must_change_password: mustChange } = await api('POST', '/login',
          { username: data.get('username'), password: data.get('password') }, null);
        store.clear();
        store.setItem('account', token);
        // After an admin's reset, the password comes first.
        if (mustChange) {
          store.setItem('must_change', '1');
          location.hash = '#/account';
          return;
        }
        // Only an admin's account token may read the catalogue without a
        // profile; an admin lands on the admin page.
        const admin = await api('GET', '/titles?limit=1', undefined, token).then(() => true, () => false);
        if (admin) store.setItem('admin', '1');
        location.hash = admin ? '#/admin' : '#/profiles';
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
