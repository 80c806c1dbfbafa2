// profiles.js - #/profiles: "Who's watching?", with a PIN prompt for a
// profile that has one; and, by "Manage profiles", the account owner's
// profile settings: name, avatar, kids, maturity ceiling, PIN, add and
// delete. What loosens parental control asks for the account password, as
// the API does (docs/api.md).

import { api, store } from './api.js';
import { el, show } from './dom.js';
import { avatar, AVATARS } from './cards.js';

const CEILINGS = [['all', 'All ages'], ['7+', '7+'], ['13+', '13+'], ['16+', '16+'], ['18+', '18+']];
const MAX_PROFILES = 5;

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
      store.setItem('profile_avatar', profile.avatar ?? '');
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
  const picture = (p) => avatar(p.name, 'large', p.avatar);
  show(el('h1', {}, "Who's watching?"),
    el('div', { class: 'profiles' }, items.map((p) => el('button', {
      class: 'profile', 'data-profile': p.name,
      onclick: () => (p.has_pin ? askPin(p) : choose(p)),
    }, picture(p), el('span', { class: 'profile-name' }, p.name), p.kids ? el('span', { class: 'meta' }, 'Kids') : null))),
    pinArea, error,
    el('p', { class: 'actions' }, el('button', { class: 'secondary', 'data-manage': '', onclick: () => manage(items) }, 'Manage profiles'),
      el('a', { class: 'button secondary', href: '#/account' }, 'Account')));
}

// The settings of every profile, and a new one.
function manage(items) {
  const list = el('div', { class: 'profiles' }, items.map((p) => el('button', {
    class: 'profile', 'data-edit': p.name, onclick: () => editor(p, items),
  }, avatar(p.name, 'large', p.avatar), el('span', { class: 'profile-name' }, p.name), el('span', { class: 'meta' }, 'Edit'))));
  if (items.length < MAX_PROFILES) {
    list.append(el('button', { class: 'profile', 'data-edit': '', onclick: () => editor(null, items) },
      el('span', { class: 'avatar large add' }, '+'), el('span', { class: 'profile-name' }, 'Add profile')));
  }
  show(el('h1', {}, 'Manage profiles'), list, el('p', {}, el('a', { href: '#/profiles', class: 'button secondary' }, 'Done')));
}

// One profile's form (p null: a new one).
function editor(p, items) {
  const account = store.getItem('account');
  const error = el('p', { class: 'error', role: 'alert' });
  let picked = p?.avatar ?? null;
  const preview = el('span');
  const name = el('input', { name: 'name', value: p?.name || '', required: '', maxlength: 64, autocomplete: 'off' });
  const initial = () => [...(name.value.trim() || '?')][0].toUpperCase();
  const drawPreview = () => {
    preview.replaceChildren(avatar(name.value || '?', 'large', picked));
    for (const a of avatars.querySelectorAll('.avatar')) a.textContent = initial();
  };
  name.addEventListener('input', drawPreview);
  const avatars = el('div', { class: 'avatar-picker', role: 'radiogroup', 'aria-label': 'Avatar' },
    Array.from({ length: AVATARS }, (_, i) => {
      const b = el('button', { type: 'button', role: 'radio', 'aria-checked': picked === i ? 'true' : 'false', 'aria-label': `Avatar ${i + 1}`, 'data-avatar': i },
        avatar(name.value || '?', 'small', i));
      b.addEventListener('click', () => {
        picked = i;
        avatars.querySelectorAll('[role=radio]').forEach((r) => r.setAttribute('aria-checked', r === b ? 'true' : 'false'));
        drawPreview();
      });
      return b;
    }));
  const kids = el('input', { type: 'checkbox', name: 'kids', checked: p?.kids || false });
  const ceiling = el('select', { name: 'ceiling' }, CEILINGS.map(([v, t]) => el('option', { value: v }, t)));
  ceiling.value = p ? p.ceiling : '18+';
  const pinChoice = el('select', { name: 'pin_choice' },
    el('option', { value: 'keep' }, p?.has_pin ? 'Keep the PIN' : 'No PIN'),
    el('option', { value: 'set' }, p?.has_pin ? 'Change the PIN' : 'Require a PIN'),
    p?.has_pin ? el('option', { value: 'remove' }, 'Remove the PIN') : null);
  const pin = el('input', { name: 'pin', type: 'password', inputmode: 'numeric', pattern: '[0-9]{4}', maxlength: 4, autocomplete: 'off', hidden: true, 'aria-label': 'New PIN (4 digits)' });
  pinChoice.addEventListener('change', () => { pin.hidden = pinChoice.value !== 'set'; pin.required = !pin.hidden; });
  const password = el('input', { name: 'password', type: 'password', autocomplete: 'current-password' });
  const form = el('form', {
    class: 'profile-form',
    onsubmit: async (e) => {
      e.preventDefault();
      const body = { name: name.value, kids: kids.checked, ceiling: ceiling.value, avatar: picked };
      if (pinChoice.value === 'set') body.pin = pin.value;
      if (pinChoice.value === 'remove') body.pin = null;
      if (password.value) body.password = password.value;
      try {
        if (p) await api('PATCH', `/profiles/${p.id}`, body, account);
        else await api('POST', '/profiles', body, account);
        location.hash = '#/profiles';
        await viewProfiles();
      } catch (err) {
        error.textContent = err.message;
      }
    },
  },
  preview,
  el('label', {}, 'Name ', name),
  avatars,
  el('label', { class: 'check' }, kids, ' Kids profile (at most 13+)'),
  el('label', {}, 'Maturity ceiling ', ceiling),
  el('label', {}, 'PIN ', pinChoice), pin,
  el('label', {}, 'Account password ', password),
  el('p', { class: 'meta' }, 'Raising the ceiling, leaving Kids, or any change to the PIN needs the account password.'),
  el('div', { class: 'actions' },
    el('button', { class: 'primary', type: 'submit' }, p ? 'Save' : 'Add profile'),
    p && items.length > 1 ? el('button', {
      type: 'button', class: 'secondary', 'data-delete': '',
      onclick: async () => {
        if (!window.confirm(`Delete ${p.name}, with its viewing history and settings?`)) return;
        try {
          await api('DELETE', `/profiles/${p.id}`, undefined, account);
          await viewProfiles();
        } catch (err) {
          error.textContent = err.message;
        }
      },
    }, 'Delete profile') : null,
    el('button', { type: 'button', class: 'secondary', onclick: () => viewProfiles() }, 'Cancel')),
  error);
  show(el('h1', {}, p ? `Edit ${p.name}` : 'Add a profile'), form);
  drawPreview();
  name.focus();
}
