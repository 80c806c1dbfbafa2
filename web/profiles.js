// profiles.js - #/profiles: "Who's watching?", with a PIN prompt for a
// profile that has one.

import { api, store } from './api.js';
import { el, show } from './dom.js';
import { avatar } from './cards.js';

export async function viewProfiles() {
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
    }, avatar(p.name, 'large'), el('span', { class: 'profile-name' }, p.name), p.kids ? el('span', { class: 'meta' }, 'Kids') : null))),
    pinArea, error);
}
