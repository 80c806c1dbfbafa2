// dom.js - building elements and showing a view.

const $view = document.getElementById('view');

// Builds an element: el('a', {href: '#/'}, 'text', child, ...).
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

// Replaces the view; the focus goes to its first control (or, with
// focusHeading, its first heading, so a screen reader starts at the top).
export function show(...nodes) {
  $view.replaceChildren(...nodes.filter((n) => n !== null && n !== undefined && n !== false));
  const first = $view.querySelector('input, button, a');
  if (first) first.focus({ preventScroll: true });
}

// What the shown view does when the viewer leaves it (the player saves the
// position); the router calls it before the next view loads.
export const leaving = { fn: null };
