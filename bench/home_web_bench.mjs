// home_web_bench.mjs - times the web player's home page in Chromium; see
// home_web_bench.sh. Prints requests and the time to visually complete
// (median and slowest of LOADS cold loads), for binge and for the same page
// as static files on nginx.
//
//   node home_web_bench.mjs BINGE_URL NGINX_URL NGINX_ROOT LOADS
import { writeFileSync, mkdirSync } from 'node:fs';
import { chromium } from '../tests/e2e/node_modules/playwright-core/index.mjs';

const [binge, nginx, www, loadsText] = process.argv.slice(2);
const loads = Number(loadsText);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Signed in as the benchmark's viewer (bench/lib.sh), through the API.
const post = async (path, body, token) => (await fetch(`${binge}api/v1${path}`, {
  method: 'POST', body: body && JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
})).json();
const { token: account } = await post('/login', { username: 'bench', password: 'bench-password' });
const { items: profiles } = await (await fetch(`${binge}api/v1/profiles`, { headers: { Authorization: `Bearer ${account}` } })).json();
const { token: profile } = await post(`/profiles/${profiles[0].id}/select`, undefined, account);

// Visually complete: the billboard and three rows shown, and every image
// that intersects the viewport decoded. Polled every animation frame.
const whenComplete = () => new Promise((resolve) => {
  const done = () => {
    const rows = document.querySelectorAll('.row .card').length;
    if (!document.querySelector('.billboard') || rows < 15) return false;
    const h = window.innerHeight;
    return [...document.images].every((img) => {
      const r = img.getBoundingClientRect();
      return r.bottom < 0 || r.top > h || r.width === 0 || (img.complete && img.naturalWidth > 0);
    });
  };
  const tick = () => (done() ? resolve(performance.now()) : requestAnimationFrame(tick));
  tick();
});

async function load(url, signedIn) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  if (signedIn) {
    await context.addInitScript(([a, p]) => {
      sessionStorage.setItem('account', a);
      sessionStorage.setItem('profile', p);
      sessionStorage.setItem('profile_name', 'Adult');
    }, [account, profile]);
  }
  const page = await context.newPage();
  let requests = 0;
  page.on('request', () => { requests += 1; });
  await page.goto(url);
  const ms = await Promise.race([page.evaluate(whenComplete), page.waitForTimeout(30000).then(() => null)]);
  if (ms === null) {
    const state = await page.evaluate(() => ({ url: location.href, text: document.body.innerText.slice(0, 200),
      rows: document.querySelectorAll('.row .card').length, billboard: !!document.querySelector('.billboard'),
      pending: [...document.images].filter((i) => !i.complete).map((i) => i.src).slice(0, 3) }));
    throw new Error(`not visually complete after 30 s: ${JSON.stringify(state)}`);
  }
  const counted = requests; // at visual completion
  return { ms, requests: counted, page, context };
}

// binge: cold loads.
const times = [];
let requests = 0;
let last = null;
for (let i = 0; i < loads; i++) {
  if (last) await last.context.close();
  last = await load(`${binge}#/home`, true);
  times.push(last.ms);
  requests = Math.max(requests, last.requests);
}
// The peer: the last rendered page saved as static files on nginx.
mkdirSync(`${www}/img`, { recursive: true });
const images = await last.page.$$eval('img', (imgs) => imgs.map((i) => i.currentSrc || i.src));
let html = await last.page.evaluate(() => document.documentElement.outerHTML.replace(/<script[\s\S]*?<\/script>/g, ''));
for (const [n, src] of images.entries()) {
  if (!src) continue;
  const res = await last.page.evaluate(async (u) => Array.from(new Uint8Array(await (await fetch(u)).arrayBuffer())), src);
  writeFileSync(`${www}/img/${n}`, Buffer.from(res));
  html = html.split(src.replace(/^https?:\/\/[^/]+/, '').replaceAll('&', '&amp;')).join(`/img/${n}`);
}
const css = await (await fetch(`${binge}style.css`)).text();
writeFileSync(`${www}/style.css`, css);
writeFileSync(`${www}/index.html`, `<!doctype html>${html}`);
await last.context.close();
const peer = [];
let peerRequests = 0;
for (let i = 0; i < loads; i++) {
  const p = await load(`${nginx}index.html`, false);
  peer.push(p.ms);
  peerRequests = Math.max(peerRequests, p.requests);
  await p.context.close();
}
console.log(`home page, visually complete at 1280x800, ${loads} cold loads:`
  + ` binge median ${median(times).toFixed(0)} ms (slowest ${Math.max(...times).toFixed(0)} ms), ${requests} requests;`
  + ` the same page static on nginx median ${median(peer).toFixed(0)} ms, ${peerRequests} requests;`
  + ` ratio ${(median(times) / median(peer)).toFixed(2)}`);
await browser.close();
