// app.js - the binge web player: a single page, hash-routed, on the JSON
// API (docs/api.md). Each view is an ES module, loaded when first shown.
//
//   #/login              account login
//   #/profiles           "Who's watching?" (a PIN prompt for PIN profiles)
//   #/account            the account's password (account.js)
//   #/invite/TOKEN       open an account with an invitation (invite.js)
//   #/home               billboard and rows (home.js)
//   #/browse/KIND/GENRE  every title, by kind and genre (browse.js)
//   #/search/QUERY       search as you type (search.js)
//   #/title/ID           a series or film (title.js)
//   #/watch/S/N/E        episode E of season N of series S (player.js)
//   #/film/ID            a film (player.js)
//   #/admin              audience charts, libraries, titles (admin.js)
//
// Signing out revokes the account token and every profile token minted from it.

import { api, store } from './api.js';
import { el, show, leaving } from './dom.js';
import { avatar } from './cards.js';

const $nav = document.getElementById('nav');
// How long the router waits for a leaving view (the player saving its position).
const LEAVE_WAIT_MS = 2000;

function renderNav(current) {
  const links = [];
  const link = (href, name, text) => el('a', { href, 'data-nav': name, 'aria-current': current === name ? 'page' : null }, text);
  if (store.getItem('profile')) {
    links.push(link('#/home', 'home', 'Home'), link('#/browse', 'browse', 'Browse'), link('#/search', 'search', 'Search'));
  }
  // Admin pages are the account's; a kids profile's screen does not offer them.
  if (store.getItem('admin') === '1' && store.getItem('profile_kids') !== '1') links.push(link('#/admin', 'admin', 'Admin'));
  if (store.getItem('profile')) {
    const name = store.getItem('profile_name') || '';
    const picked = store.getItem('profile_avatar');
    links.push(el('a', { href: '#/profiles', 'data-nav': 'profiles', class: 'who', 'aria-label': `Profiles (now ${name})` },
      avatar(name, 'small', picked ? Number(picked) : null)));
  }
  if (store.getItem('account')) {
    links.push(el('button', {
      onclick: async () => {
        await api('POST', '/logout', undefined, store.getItem('account')).catch(() => {});
        store.clear();
        location.hash = '#/login';
      },
    }, 'Sign out'));
  }
  $nav.replaceChildren(...links);
}

async function route() {
  if (leaving.fn) {
    const left = leaving.fn();
    leaving.fn = null;
    await Promise.race([left, new Promise((resolve) => setTimeout(resolve, LEAVE_WAIT_MS))]);
  }
  const parts = location.hash.replace(/^#\/?/, '').split('/');
  const arg = (i) => decodeURIComponent(parts[i] || '');
  renderNav(parts[0] || 'home');
  const needs = { profiles: 'account', admin: 'account', account: 'account' };
  try {
    if (parts[0] === 'invite') return (await import('./invite.js')).viewInvite(parts[1] || '');
    if (!store.getItem('account') && parts[0] !== 'login') return void (location.hash = '#/login');
    if (parts[0] === 'login') return (await import('./login.js')).viewLogin();
    if (store.getItem('must_change') === '1' && parts[0] !== 'account') return void (location.hash = '#/account');
    if (parts[0] === 'account') return (await import('./account.js')).viewAccount();
    if (parts[0] === 'profiles') return await (await import('./profiles.js')).viewProfiles();
    if (!store.getItem('profile') && !needs[parts[0]]) return void (location.hash = '#/profiles');
    if (parts[0] === 'title') return await (await import('./title.js')).viewTitle(Number(parts[1]));
    if (parts[0] === 'browse') return await (await import('./browse.js')).viewBrowse(parts[1] || 'all', arg(2));
    if (parts[0] === 'search') return (await import('./search.js')).viewSearch(arg(1));
    if (parts[0] === 'watch') return await (await import('./player.js')).viewWatch(Number(parts[1]), Number(parts[2]), Number(parts[3]));
    if (parts[0] === 'film') return await (await import('./player.js')).viewFilm(Number(parts[1]));
    if (parts[0] === 'admin') return await (await import('./admin.js')).viewAdmin(route);
    return await (await import('./home.js')).viewHome();
  } catch (err) {
    if (err.status === 401) {
      store.clear();
      location.hash = '#/login';
      return;
    }
    show(el('p', { class: 'error', role: 'alert' }, err.message));
  }
}

window.addEventListener('hashchange', route);
route();
