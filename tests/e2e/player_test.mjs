// player_test.mjs - the web player end to end in Debian's Chromium (headless),
// driven by playwright-core: log in, pick a profile with its PIN, open the
// series, play episode 1 and see time advance, reload and resume near the
// saved position, let the episode end and see episode 2 autoplay; a title
// page shows "More like this" from the trained model; then an admin sees
// the audience chart of that viewing. Also: the PIN is masked, the video
// plays from a signed URL with no token in it, and signing out revokes the
// profile token.
//
//   node player_test.mjs URL SCREENSHOT_DIR SIMILAR_TITLE_ID
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

const [url, shots, similarId] = process.argv.slice(2);
let step = 0;
const fail = (msg) => { throw new Error(msg); };
const shot = (page, name) => page.screenshot({ path: `${shots}/${String(++step).padStart(2, '0')}-${name}.png` });

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--autoplay-policy=no-user-gesture-required'],
});
let checks = 0;
const check = (cond, msg) => { checks++; if (!cond) fail(msg); };
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
try {
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));

  await page.goto(url);
  await page.waitForSelector('input[name=username]');
  check(page.url().endsWith('#/login'), 'not sent to the login page');
  await page.fill('input[name=username]', 'e2e-viewer');
  await page.fill('input[name=password]', 'e2e-password');
  await shot(page, 'login');
  await page.click('button[type=submit]');

  await page.waitForSelector('[data-profile="Adult"]');
  await shot(page, 'profiles');
  await page.click('[data-profile="Adult"]');
  check(await page.getAttribute('input[name=pin]', 'type') === 'password', 'the PIN shows as typed');
  await page.fill('input[name=pin]', '0000');
  await shot(page, 'pin');
  await page.click('button[type=submit]');
  await page.waitForSelector('.error:text("wrong PIN")');
  await page.fill('input[name=pin]', '2468');
  await page.click('button[type=submit]');

  // Home: a billboard with Jessica Jones's backdrop (its folder's
  // fanart.jpg, resized) and a Play button; rows of posters that scroll.
  await page.waitForSelector('[data-billboard] [data-play]', { timeout: 15000 });
  const billboard = await page.waitForFunction(() => {
    const b = document.querySelector('[data-billboard]');
    const img = b?.querySelector('.art img');
    return img && img.complete && img.naturalWidth > 0
      ? { title: b.querySelector('h1').textContent, width: img.naturalWidth, play: b.querySelector('[data-play]').textContent } : false;
  }, null, { timeout: 15000, polling: 100 }).then((h) => h.jsonValue());
  check(billboard.title === 'Jessica Jones' && billboard.width === 1280 && /Play S1:E1/.test(billboard.play),
    `the billboard: ${JSON.stringify(billboard)}`);
  // Posters on home: Jessica Jones's card in "New on binge" (it arrived
  // yesterday) loaded its picture; a title without art gets a card with its
  // whole name, coloured its own way.
  const art = await page.waitForFunction(() => {
    const img = [...document.querySelectorAll('[data-row=new] .card')]
      .find((c) => c.textContent.includes('Jessica Jones'))?.querySelector('.art img');
    return img && img.complete && img.naturalWidth > 0 ? { width: img.naturalWidth, src: img.currentSrc } : false;
  }, null, { timeout: 15000, polling: 100 }).then((h) => h.jsonValue());
  check(art.width === 480 && /\/api\/v1\/images\/\d+\?exp=.*&sig=.*&w=480$/.test(art.src), `Jessica Jones's card image: ${JSON.stringify(art)}`);
  const generated = await page.$$eval('[data-row=new] .card .art.generated', (cards) => cards.slice(0, 2).map((c) => ({ text: c.textContent, bg: c.style.background })));
  check(generated.length === 2 && generated[0].text.length > 1 && generated[0].bg !== generated[1].bg,
    `cards without art: the whole name, each its own colours: ${JSON.stringify(generated)}`);
  const homeRows = await page.$$eval('[data-row]', (rows) => rows.map((r) => r.dataset.row));
  check(homeRows.includes('popular') && homeRows.some((r) => r.startsWith('genre-')),
    `home rows: popular in the country and rows by genre: ${homeRows}`);
  // A row scrolls sideways by its arrow button.
  const rowToScroll = await page.$eval('[data-row=new] .scroller', (c) => c.scrollWidth > c.clientWidth);
  check(rowToScroll, 'New on binge holds more cards than fit');
  await page.click('[data-row=new] button.scroll.ahead');
  await page.waitForFunction(() => document.querySelector('[data-row=new] .scroller').scrollLeft > 200, null, { timeout: 5000, polling: 100 });
  await page.waitForFunction(() => !document.querySelector('[data-row=new] button.scroll.back').hidden, null, { timeout: 5000 });
  await shot(page, 'home');
  // Browse: every title the profile may see, the next page loading as the
  // end of the grid comes into view, past the first page of 40 to the 60th.
  await page.click('nav a[data-nav=browse]');
  await page.waitForSelector('[data-row=browse] .card');
  for (let i = 0; i < 20 && (await page.$$('[data-row=browse] .card')).length < 60; i++) {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(200);
  }
  const browsed = await page.$$eval('[data-row=browse] .card', (cards) => cards.map((c) => c.getAttribute('href')));
  check(browsed.length >= 60 && new Set(browsed).size === browsed.length, `browsed ${browsed.length} titles, ${new Set(browsed).size} distinct`);
  const sixtieth = await page.$('[data-row=browse] .card:nth-child(60)');
  await sixtieth.scrollIntoViewIfNeeded();
  check(await sixtieth.isVisible(), 'the 60th title is shown');
  await shot(page, 'browse-60th');
  // By kind and genre: films only, then one genre of them.
  await page.click('.tabs a:has-text("Films")');
  await page.waitForFunction(() => location.hash === '#/browse/film');
  await page.waitForSelector('[data-row=browse] .card');
  const genre = await page.$eval('#browse-genre option:nth-child(2)', (o) => o.value);
  await page.selectOption('#browse-genre', genre);
  await page.waitForFunction((g) => decodeURIComponent(location.hash) === `#/browse/film/${g}`, genre);
  await page.waitForSelector('[data-row=browse] .card');
  await page.click('nav a[data-nav=home]');
  await page.waitForSelector('[data-billboard]');
  // Search as you type, tolerant of a typo: "jesica" finds Jessica Jones,
  // whose card opens its page.
  await page.click('nav a[data-nav=search]');
  await page.waitForSelector('#search-q');
  check(await page.evaluate(() => document.activeElement?.id) === 'search-q', 'the search box has the focus');
  await page.keyboard.type('jesica', { delay: 30 });
  await page.waitForSelector('[data-row=search-titles] .card:has-text("Jessica Jones")', { timeout: 10000 });
  check(page.url().endsWith('#/search/jesica'), `the query in the address: ${page.url()}`);
  const firstHit = await page.$eval('[data-row=search-titles] .card', (c) => c.textContent);
  check(firstHit.includes('Jessica Jones'), `the first result for "jesica": ${firstHit}`);
  await shot(page, 'search');
  await page.click('[data-row=search-titles] .card:has-text("Jessica Jones")');
  await page.waitForSelector('a[aria-label="Play episode 1"]');
  // My List from the title page: the button is a toggle, and home gets a row.
  await page.click('[data-my-list]');
  await page.waitForSelector('[data-my-list][aria-pressed=true]');
  const titleUrl = page.url();
  await page.click('nav a[data-nav=home]');
  await page.waitForSelector('[data-row=my_list] .card:has-text("Jessica Jones")');
  await page.goto(titleUrl);
  await page.waitForSelector('a[aria-label="Play episode 1"]');
  // Critic reception from five imported reviews: 80% approval, score 80 with its band.
  await page.waitForSelector('[data-section=reception] li');
  const critics = await page.textContent('[data-section=reception]');
  check(/Season 1: 80% approval/.test(critics) && /generally favorable/.test(critics), `critics: ${critics}`);
  // Buzz as bars (two days of posts), and the article's accolades.
  await page.waitForSelector('[data-section=buzz] svg rect');
  check(await page.$$eval('[data-section=buzz] svg rect', (r) => r.length) === 2, 'two days of buzz');
  // Story order: season 1 between Guardians of the Galaxy and Age of Ultron.
  await page.waitForSelector('[data-section=timeline] li');
  const order = await page.$$eval('[data-section=timeline] li', (li) => li.map((x) => x.textContent));
  check(/^Jessica Jones season 1/.test(order[1] || ''), `story order: ${order.join(' | ')}`);
  await page.waitForSelector('[data-section=awards] li');
  check(/23\)/.test(await page.textContent('[data-section=awards] h2')), 'the 23 nominations');
  // The title page's backdrop (fanart.jpg, resized to 1280 px) and poster, loaded.
  const hero = await page.waitForFunction(() => {
    const imgs = [...document.querySelectorAll('.hero img')];
    return imgs.length === 2 && imgs.every((i) => i.complete && i.naturalWidth > 0)
      ? imgs.map((i) => i.naturalWidth) : false;
  }, null, { timeout: 15000, polling: 100 }).then((h) => h.jsonValue());
  check(hero[0] === 1280 && hero[1] === 320, `the backdrop and poster widths: ${hero}`);
  await shot(page, 'title');
  await page.click('a[aria-label="Play episode 1"]');

  // Playing: currentTime advances.
  await page.waitForSelector('video');
  await page.waitForFunction(() => document.querySelector('video').currentTime > 1.5, null, { timeout: 15000, polling: 100 });
  const h1 = await page.textContent('h1');
  check(/S1:E1/.test(h1), `player heading: ${h1}`);
  // Hovering the seek bar shows a preview picture from the sprite sheet.
  const box = await page.$eval('video', (v) => { const r = v.getBoundingClientRect(); return { x: r.left, y: r.bottom, w: r.width }; });
  await page.mouse.move(box.x + box.w / 2, box.y - 20);
  await page.waitForSelector('.trickplay:not([hidden])', { timeout: 10000 });
  const previewBg = await page.$eval('.trickplay', (p) => p.style.backgroundImage);
  check(/\/trickplay\/1\.jpg\?exp=.*sig=/.test(previewBg), `the preview shows a signed sprite sheet: ${previewBg}`);
  check(await page.$eval('.trickplay', (p) => p.dataset.time) === '3', 'the preview is of the middle of the 6-second episode');
  await shot(page, 'trickplay');
  await page.mouse.move(box.x + box.w / 2, box.y - 300);
  check(await page.$eval('.trickplay', (p) => p.hidden), 'and goes away off the seek bar');

  // The stream plays from a signed URL: no token of any kind in it.
  const src = await page.evaluate(() => document.querySelector('video').currentSrc);
  const profileToken = await page.evaluate(() => sessionStorage.getItem('profile'));
  check(/[?&]sig=/.test(src) && !src.includes('access_token') && !src.includes(profileToken),
    `video src is not a bare signed URL: ${src}`);
  // Pausing reports the position: wait for the server's answer, not a time.
  const saved = page.waitForResponse((r) => /\/playback\/\d+\/progress$/.test(r.url()) && r.ok() &&
    (r.request().postDataJSON() || {}).position > 1.5, { timeout: 15000 });
  await page.evaluate(() => document.querySelector('video').pause());
  const paused = await page.evaluate(() => document.querySelector('video').currentTime);
  const mediaId = /\/playback\/(\d+)\/progress/.exec((await saved).url())[1];
  await shot(page, 'playing');

  // Reload: resumes near the saved position.
  await page.reload();
  await page.waitForFunction(() => { const v = document.querySelector('video'); return v && v.readyState >= 1 && v.currentTime > 0.5; }, null, { timeout: 15000, polling: 100 });
  const resumed = await page.evaluate(() => document.querySelector('video').currentTime);
  check(Math.abs(resumed - paused) < 1.5, `resumed at ${resumed}, saved ${paused}`);
  await shot(page, 'resumed');

  // Subtitles and audio. With subtitles off, the forced English track
  // shows by itself (the audio is English); then English subtitles from the
  // file, Spanish audio (a restart by HLS at the same time, then switches
  // in place), and keys.
  const showing = () => page.evaluate(() => {
    const t = [...document.querySelector('video').textTracks].find((x) => x.mode === 'showing');
    return t ? { label: t.label, cue: t.activeCues?.[0]?.text || '' } : null;
  });
  const captionOptions = await page.$$eval('.captions-label select option', (o) => o.map((x) => x.textContent));
  check(captionOptions.join('|') === 'Off|English|English (forced)|Spanish', `subtitles menu: ${captionOptions.join('|')}`);
  await page.evaluate(() => { const v = document.querySelector('video'); v.currentTime = 1; v.play(); });
  await page.waitForFunction(() => [...document.querySelector('video').textTracks].some((t) => t.mode === 'showing' && t.activeCues?.length), null, { timeout: 10000, polling: 100 });
  const forced = await showing();
  check(forced.label === 'English (forced)' && forced.cue === '[forced] Where is it?', `forced subtitles: ${JSON.stringify(forced)}`);
  // Paused from here to the audio switch: the 6-second episode must not end
  // (and count as watched) before the resume checks below.
  await page.evaluate(() => { const v = document.querySelector('video'); v.pause(); v.currentTime = 1; });
  await page.selectOption('.captions-label select', { label: 'English' });
  await page.waitForFunction(() => [...document.querySelector('video').textTracks].some((t) => t.mode === 'showing' && t.label === 'English' && t.activeCues?.length), null, { timeout: 10000, polling: 100 });
  const english = await showing();
  check(english.cue === 'Hello from the file', `English subtitles: ${JSON.stringify(english)}`);
  await shot(page, 'subtitles');
  await page.keyboard.press('c');
  check(await page.getAttribute('video', 'data-captions') === 'off', 'c turns subtitles off');
  await page.keyboard.press('c');
  check((await showing())?.label === 'English', 'c turns them on again');
  const switchedAt = await page.evaluate(() => { const v = document.querySelector('video'); v.currentTime = 1; v.play(); return 1; });
  const audioRequest = page.waitForRequest((r) => /\/hls\/.*r=none-[a-z0-9]+\.a1&/.test(r.url()), { timeout: 20000 });
  await page.selectOption('.audio-label select', { label: 'Spanish Mono' });
  await audioRequest;
  await page.waitForFunction(() => { const v = document.querySelector('video'); return v.dataset.method === 'remux' && v.readyState >= 2; }, null, { timeout: 20000, polling: 100 });
  const restartedAt = await page.evaluate(() => document.querySelector('video').currentTime);
  check(restartedAt >= switchedAt - 0.5, `the Spanish audio started at ${restartedAt}, not where English left off (${switchedAt})`);
  await page.waitForFunction((t) => document.querySelector('video').currentTime > t + 0.3, restartedAt, { timeout: 20000, polling: 100 });
  check((await showing())?.label === 'English', 'subtitles kept across the audio switch');
  // By HLS now, each audio track is a rendition beside the video: back to
  // English and to Spanish again in place, with no new playback decision,
  // no new master playlist, and the picture going on.
  const restarts = [];
  const noteRestart = (r) => { if (/playback-info|master\.m3u8/.test(r.url())) restarts.push(r.url()); };
  page.on('request', noteRestart);
  const englishAt = await page.evaluate(() => document.querySelector('video').currentTime);
  const englishAudio = page.waitForRequest((r) => /\/hls\/index\.m3u8\?r=none-[a-z0-9]+&/.test(r.url()), { timeout: 20000 });
  await page.selectOption('.audio-label select', { label: 'English Mono' });
  await englishAudio;
  await page.waitForFunction((t) => document.querySelector('video').currentTime > t + 0.3, englishAt, { timeout: 20000, polling: 100 });
  await page.selectOption('.audio-label select', { label: 'Spanish Mono' });
  check(await page.getAttribute('video', 'data-audio') === String(await page.$eval('.audio-label select', (s) => s.value)), 'the Spanish track chosen again');
  check(restarts.length === 0, `switching audio by HLS restarted the stream: ${restarts.join(' ')}`);
  check(await page.evaluate((t) => document.querySelector('video').currentTime >= t, englishAt), 'the picture went on across the switches');
  page.off('request', noteRestart);
  await shot(page, 'spanish-audio');
  await page.keyboard.press('k');
  check(await page.evaluate(() => document.querySelector('video').paused), 'k pauses');
  await page.keyboard.press('ArrowLeft');
  check(await page.evaluate(() => document.querySelector('video').currentTime) < 0.5, '← goes 10 s back (to the start)');
  // The choice is remembered for the series: the player comes back with it.
  await page.reload();
  await page.waitForFunction(() => { const v = document.querySelector('video'); return v?.dataset.method === 'remux' && v.readyState >= 1; }, null, { timeout: 20000, polling: 100 });
  const chosen = (sel) => page.$eval(sel, (s) => s.selectedOptions[0].textContent);
  check(await chosen('.audio-label select') === 'Spanish Mono', `audio after a reload: ${await chosen('.audio-label select')}`);
  check(await chosen('.captions-label select') === 'English', `subtitles after a reload: ${await chosen('.captions-label select')}`);
  // Back to English audio and no subtitles, for what follows: in place (the
  // stream stays HLS), and remembered, so the next start plays the file as it is.
  await page.selectOption('.audio-label select', { label: 'English Mono' });
  await page.waitForFunction(() => { const v = document.querySelector('video'); return v.dataset.audio === document.querySelector('.audio-label select').value && v.dataset.method === 'remux'; }, null, { timeout: 20000, polling: 100 });
  await page.reload();
  await page.waitForFunction(() => document.querySelector('video')?.dataset.method === 'direct', null, { timeout: 20000, polling: 100 });
  await page.selectOption('.captions-label select', { label: 'Off' });

  // Resume, five times each way: from the home page's "Continue watching"
  // card, from the title page, and after a reload. Leaving the player saves
  // the position where it is (not the last 5-second report).
  const savedAt = () => page.evaluate(async (id) => (await (await fetch(`/api/v1/playback/${id}`,
    { headers: { Authorization: `Bearer ${sessionStorage.getItem('profile')}` } })).json()).position, mediaId);
  // The player's time as soon as it has sought to where it resumes (every
  // position saved here is past 1.5 s).
  const playingAt = async () => (await page.waitForFunction(() => {
    const v = document.querySelector('video');
    return v && v.readyState >= 1 && v.currentTime > 0.5 ? v.currentTime : false;
  }, null, { timeout: 15000, polling: 100 })).jsonValue();
  // Where the viewer left, read as the player goes away (as the player's
  // own save does): a busy machine may play on a while after the seek.
  const noteLeaving = () => page.evaluate(() => {
    const v = document.querySelector('video');
    const note = () => sessionStorage.setItem('leftAt', String(v.currentTime));
    window.addEventListener('hashchange', note, { once: true });
    window.addEventListener('pagehide', note, { once: true });
  });
  // The server's position, once the save made on leaving has landed.
  const savedNear = async (where) => {
    let saved = await savedAt();
    for (let tries = 0; tries < 30 && Math.abs(saved - where) >= 1; tries++) {
      await page.waitForTimeout(100);
      saved = await savedAt();
    }
    return saved;
  };
  for (let i = 0; i < 5; i++) {
    for (const way of ['card', 'title', 'reload']) {
      const at = 1.5 + i * 0.6 + (way === 'title' ? 0.2 : way === 'reload' ? 0.4 : 0);
      await page.evaluate((t) => { const v = document.querySelector('video'); v.currentTime = t; v.play(); }, at);
      await noteLeaving();
      if (way === 'reload') {
        await page.reload();
      } else {
        await page.click('nav a[href="#/home"]');
        await page.waitForSelector('[data-row=continue_watching] .card');
      }
      const leftAt = Number(await page.evaluate(() => sessionStorage.getItem('leftAt')));
      const saved = await savedNear(leftAt);
      check(leftAt >= at - 0.1 && Math.abs(saved - leftAt) < 1, `leaving the player ${i + 1} (${way}) saved ${saved}, left at ${leftAt}`);
      if (way === 'card') {
        await page.click('[data-row=continue_watching] .card');
      } else if (way === 'title') {
        await page.click('[data-row=new] .card:has-text("Jessica Jones")');
        await page.click('a[aria-label="Play episode 1"]');
      }
      const got = await playingAt();
      check(Math.abs(got - saved) < 1, `resume ${i + 1} from the ${way}: at ${got}, saved ${saved}`);
    }
  }

  // The end: a countdown, then episode 2 plays by itself.
  await page.evaluate(() => { const v = document.querySelector('video'); v.currentTime = v.duration - 0.5; v.play(); });
  await page.waitForSelector('[data-countdown]', { timeout: 15000 });
  await shot(page, 'countdown');
  await page.waitForFunction(() => /S1:E2/.test(document.querySelector('h1')?.textContent || ''), null, { timeout: 20000, polling: 100 });
  await page.waitForFunction(() => document.querySelector('video').currentTime > 0.5, null, { timeout: 15000, polling: 100 });
  check(page.url().endsWith('/1/2'), `autoplayed into ${page.url()}`);
  await shot(page, 'episode-2');
  // Episode 2 has an intro (1-3.5 s) and credits (from 4 s): "Skip intro"
  // shows during the intro and lands past it; the countdown starts with
  // the credits, before the episode ends. (Paused for the first part, so a
  // busy machine does not play past the intro before the button is seen.)
  await page.evaluate(() => { const v = document.querySelector('video'); v.pause(); v.currentTime = 1.2; });
  await page.waitForSelector('.skip-intro:not([hidden])', { timeout: 10000 });
  await shot(page, 'skip-intro');
  await page.click('.skip-intro');
  check(await page.evaluate(() => document.querySelector('video').currentTime) >= 3.4, 'Skip intro lands past the intro');
  await page.evaluate(() => document.querySelector('video').play());
  // The video's state when the countdown appears, read as it appears.
  const atCountdown = await (await page.waitForFunction(() => {
    const v = document.querySelector('video');
    return document.querySelector('[data-countdown]') ? { time: v.currentTime, ended: v.ended } : false;
  }, null, { timeout: 10000, polling: 50 })).jsonValue();
  check(!atCountdown.ended && atCountdown.time >= 4, `the countdown starts with the credits, before the end: ${JSON.stringify(atCountdown)}`);
  check(await page.evaluate(() => document.activeElement?.textContent) === 'Play now', 'Play now is the countdown\'s focused button');
  // "Are you still watching?" after the profile's number of episodes
  // started by the countdown in a row (3 unless it chose another). Set to 1
  // as the profile's own choice (PUT /profile/autoplay), the countdown
  // started here (Skip intro was the last input) plays episode 3 by itself,
  // and the player asks there.
  const setStillWatching = (n) => page.evaluate(async (after) => (await fetch('/api/v1/profile/autoplay', {
    method: 'PUT', headers: { Authorization: `Bearer ${sessionStorage.getItem('profile')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ still_watching_after: after }) })).status, n);
  check(await setStillWatching(1) === 200, 'the profile asks after one autoplay');
  await page.waitForFunction(() => /S1:E3/.test(document.querySelector('h1')?.textContent || ''), null, { timeout: 30000, polling: 100 });
  await page.waitForSelector('[data-still-watching]', { timeout: 15000 });
  check(await page.evaluate(() => sessionStorage.getItem('autoplays')) === '1', 'one episode started by the countdown');
  check(await page.evaluate(() => document.querySelector('video').paused), 'paused while it asks');
  await shot(page, 'still-watching');
  await page.click('[data-still-watching] button');
  await page.waitForFunction(() => !document.querySelector('video').paused, null, { timeout: 10000, polling: 100 });
  check(await page.evaluate(() => sessionStorage.getItem('autoplays')) === '0', 'an answer starts the count again');
  check(await setStillWatching(3) === 200, 'back to three');

  // Episode 3 is HEVC Main 10 HDR10 with AC3 in Matroska, which Chromium
  // cannot play: transcoded to HLS, played by hls.js (served by binge).
  const renditions = [];
  const noteRendition = (r) => { const m = /\/hls\/\d+\.m4s\?r=h264\.(\d+)\./.exec(r.url()); if (m) renditions.push(Number(m[1])); };
  page.on('request', noteRendition);
  const episode3Url = page.url().replace(/\/1\/2$/, '/1/3');
  await page.goto(episode3Url);
  await page.waitForFunction(() => /S1:E3/.test(document.querySelector('h1')?.textContent || ''), null, { timeout: 15000, polling: 100 });
  await page.waitForSelector('video[data-method]');
  const method = await page.getAttribute('video', 'data-method');
  check(method === 'transcode', `episode 3 plays by ${method}, not transcode`);
  await page.waitForFunction(() => document.querySelector('video').currentTime > 1.5, null, { timeout: 30000, polling: 100 });
  check(await page.evaluate(() => typeof window.Hls === 'function'), 'hls.js did not load');
  const qualities = await page.$$eval('.quality-label select option', (o) => o.map((x) => x.textContent));
  check(qualities.join(',') === 'Auto,480p,360p', `quality menu: ${qualities.join(',')}`);
  // A seek to the middle: the encoder restarts there and playback goes on.
  await page.evaluate(() => { const v = document.querySelector('video'); v.currentTime = 7; v.play(); });
  await page.waitForFunction(() => document.querySelector('video').currentTime > 8, null, { timeout: 30000, polling: 100 });
  await shot(page, 'transcoded');

  // Adaptive choice on the same ladder packaged ahead (binge package
  // --queue; the server works the queue on SQLite): its segments are files,
  // so what the player measures is the network, not the encoder's pace on
  // a busy machine. On loopback Auto keeps 480p; at 1.5 Mbit/s it steps down.
  // Paused meanwhile: on a loaded machine packaging can outlast the episode,
  // and autoplay would go on to episodes 4 and 5.
  await page.evaluate(() => document.querySelector('video').pause());
  const sql = (q) => execFileSync('sqlite3', [process.env.BINGE_DB, q]).toString().trim();
  const episode3 = sql("SELECT title_id FROM media_file WHERE rel_path LIKE '%S01E03%'");
  execFileSync(process.env.BINGE, ['package', episode3, '--ladder', '480,360', '--queue']);
  let packaged = 0;
  for (const until = Date.now() + 120000; Date.now() < until && packaged !== 'done';) {
    await page.waitForTimeout(500);
    packaged = sql(`SELECT state FROM package_job WHERE media_id = (SELECT id FROM media_file WHERE title_id = ${episode3})`);
  }
  check(packaged === 'done', `the server did not package episode 3: ${packaged}`);
  renditions.length = 0;
  await page.goto(episode3Url);
  await page.reload();
  await page.waitForFunction(() => document.querySelector('video')?.currentTime > 1, null, { timeout: 30000, polling: 100 });
  await page.evaluate(() => { const v = document.querySelector('video'); v.currentTime = 12; v.play(); });
  await page.waitForFunction(() => document.querySelector('video').currentTime > 14, null, { timeout: 30000, polling: 100 });
  // Settles on 480p (a busy machine's dropped frames may make hls.js try 360p on the way).
  check(renditions.length > 0 && renditions.at(-1) === 480, `on loopback Auto settles on 480p: ${renditions}`);

  // On a slow network (Chromium's emulation, 1.5 Mbit/s) Auto settles on the lower rendition.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 40, downloadThroughput: 1.5e6 / 8, uploadThroughput: 1.5e6 / 8 });
  renditions.length = 0;
  await page.reload();
  await page.waitForFunction(() => document.querySelector('video')?.currentTime > 0.5, null, { timeout: 60000, polling: 100 });
  const deadline = Date.now() + 60000;
  while (!renditions.includes(360) && Date.now() < deadline) await page.waitForTimeout(250);
  check(renditions.includes(360), `at 1.5 Mbit/s Auto did not step down: ${renditions}`);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  page.off('request', noteRendition);

  // The other files people have: each plays, and plays on after a seek to the middle.
  for (const [episode, want] of [[4, 'audio'], [5, 'direct']]) {
    await page.goto(page.url().replace(/\/1\/\d+$/, `/1/${episode}`));
    await page.waitForFunction((e) => new RegExp(`S1:E${e}\\b`).test(document.querySelector('h1')?.textContent || ''), episode, { timeout: 15000, polling: 100 });
    await page.waitForSelector('video[data-method]');
    const how = await page.getAttribute('video', 'data-method');
    check(how === want, `episode ${episode} plays by ${how}, not ${want}`);
    await page.waitForFunction(() => document.querySelector('video').currentTime > 1, null, { timeout: 30000, polling: 100 });
    await page.evaluate(() => { const v = document.querySelector('video'); v.currentTime = 6.5; v.play(); });
    await page.waitForFunction(() => document.querySelector('video').currentTime > 7.5, null, { timeout: 30000, polling: 100 });
  }

  // Picture subtitles (PGS) in episode 4, chosen from the menu: the stream
  // restarts as a transcode with them drawn in, at the same time. The
  // subtitle is a white box centred near the bottom; its middle is read
  // from the video's frame before and after.
  await page.goto(page.url().replace(/\/1\/\d+$/, '/1/4'));
  await page.waitForFunction(() => /S1:E4\b/.test(document.querySelector('h1')?.textContent || ''), null, { timeout: 15000, polling: 100 });
  await page.waitForFunction(() => document.querySelector('video[data-method]')?.currentTime > 1, null, { timeout: 30000, polling: 100 });
  const boxPixel = () => page.evaluate(() => {
    const v = document.querySelector('video');
    const c = document.createElement('canvas');
    c.width = v.videoWidth;
    c.height = v.videoHeight;
    const g = c.getContext('2d');
    g.drawImage(v, 0, 0);
    // The box: a quarter of the width, a tenth of the height, its top at 4/5.
    const d = g.getImageData(c.width / 2 - 10, Math.round(c.height * 0.85) - 2, 20, 4).data;
    let min = 255;
    for (let i = 0; i < d.length; i += 4) min = Math.min(min, d[i], d[i + 1], d[i + 2]);
    return min;
  });
  const burnOption = await page.$$eval('.captions-label select option', (o) => o.map((x) => x.textContent));
  check(burnOption.includes('English (burned in)'), `subtitles menu of episode 4: ${burnOption.join(',')}`);
  const before = await boxPixel();
  check(before < 200, `the subtitle's place is white before any subtitles are chosen (${before})`);
  const chosenAt = await page.evaluate(() => document.querySelector('video').currentTime);
  await page.selectOption('.captions-label select', { label: 'English (burned in)' });
  await page.waitForFunction(() => document.querySelector('video').dataset.method === 'transcode', null, { timeout: 15000, polling: 100 });
  await page.waitForFunction(() => { const v = document.querySelector('video'); return v.readyState >= 2 && !v.seeking && v.currentTime > 0; }, null, { timeout: 30000, polling: 100 });
  const burnedFrom = await page.evaluate(() => document.querySelector('video').currentTime);
  check(Math.abs(burnedFrom - chosenAt) < 1.5, `chosen at ${chosenAt.toFixed(1)} s, the stream restarted at ${burnedFrom.toFixed(1)} s`);
  await page.waitForFunction((t) => document.querySelector('video').currentTime > t + 0.5, burnedFrom, { timeout: 30000, polling: 100 });
  const burned = await boxPixel();
  check(burned > 200, `no burned-in subtitle at ${burnedFrom.toFixed(1)} s after choosing it (${burned})`);
  await shot(page, 'burned-in-subtitles');
  await page.selectOption('.captions-label select', 'off');
  await page.waitForFunction(() => document.querySelector('video').dataset.method === 'audio', null, { timeout: 15000, polling: 100 });

  // Phone width: the home page still lays out.
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`${url}#/home`);
  await page.waitForSelector('[data-row=continue_watching] .card, [data-row=next_up] .card');
  await page.waitForSelector('[data-billboard] [data-play]');
  const phoneOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(phoneOverflow <= 0, `home is ${phoneOverflow} px wider than a 390 px phone`);
  await shot(page, 'home-phone');
  await page.goto(`${url}#/browse`);
  await page.waitForSelector('[data-row=browse] .card');
  await shot(page, 'browse-phone');
  // And the player, with its audio and subtitle menus, fits the phone's width.
  await page.goto(`${url}#/watch/1/1/1`); // the article's series is the database's first title
  await page.waitForSelector('.captions-label select', { timeout: 15000 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `the player is ${overflow} px wider than a 390 px phone`);
  await shot(page, 'player-phone');

  // A title page shows "More like this" from the trained model.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${url}#/title/${similarId}`);
  await page.waitForSelector('[data-row=similar] .card', { timeout: 15000 });
  const similarCards = await page.$$eval('[data-row=similar] .card', (cards) => cards.length);
  check(similarCards >= 5, `"More like this" shows ${similarCards} titles`);
  await shot(page, 'more-like-this');

  // The billboard resumes what the profile is watching: Play from it.
  await page.goto(`${url}#/home`);
  await page.waitForSelector('[data-billboard] [data-play]');
  const resumeLabel = await page.textContent('[data-billboard] [data-play]');
  check(/Resume S1:E\d|Play S1:E\d/.test(resumeLabel), `the billboard's button: ${resumeLabel}`);
  await page.click('[data-billboard] [data-play]');
  await page.waitForFunction(() => /#\/watch\/\d+\/1\/\d+$/.test(location.hash));
  await page.waitForFunction(() => { const v = document.querySelector('video'); return v && v.currentTime > 0.3 && !v.paused; }, null, { timeout: 20000, polling: 100 });

  // Signing out revokes the whole session: the profile token too.
  const token = await page.evaluate(() => sessionStorage.getItem('profile'));
  await page.click('nav button:has-text("Sign out")');
  await page.waitForSelector('input[name=username]');
  const after = await page.evaluate(async (t) => (await fetch('/api/v1/home', { headers: { Authorization: `Bearer ${t}` } })).status, token);
  check(after === 401, `the profile token still answers ${after} after signing out`);

  // A British viewer of a title certified BBFC 15 (TV-MA in the US): the
  // 16+ profile may watch it, the 13+ one is told it is above its ceiling.
  const brit = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  brit.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await brit.goto(url);
  await brit.fill('input[name=username]', 'e2e-brit');
  await brit.fill('input[name=password]', 'e2e-password');
  await brit.click('button[type=submit]');
  for (const [profile, allowed] of [['Sixteen', true], ['Thirteen', false]]) {
    await brit.waitForSelector(`[data-profile="${profile}"]`);
    await brit.click(`[data-profile="${profile}"]`);
    await brit.waitForSelector('[data-billboard], [data-row]');
    await brit.goto(`${url}#/title/1`);
    if (allowed) {
      await brit.waitForSelector('h1:has-text("Jessica Jones")');
      const meta = await brit.textContent('main .meta');
      check(/\b15\b/.test(meta), `the GB 16+ profile sees the BBFC rating: ${meta}`);
      await shot(brit, 'gb-16-bbfc-15');
    } else {
      await brit.waitForSelector('.error[role=alert]');
      const why = await brit.textContent('.error[role=alert]');
      check(/maturity ceiling/.test(why), `the GB 13+ profile is refused: ${why}`);
      await shot(brit, 'gb-13-refused');
    }
    await brit.goto(`${url}#/profiles`);
  }
  // The account's owner manages its profiles: adds one with an avatar of
  // its choice, and raises a ceiling only with the account password.
  await brit.click('[data-manage]');
  await brit.click('[data-edit=""]');
  await brit.fill('input[name=name]', 'Guest');
  await brit.click('[data-avatar="5"]');
  await shot(brit, 'profile-add');
  await brit.click('button[type=submit]');
  await brit.waitForSelector('[data-profile="Guest"]');
  await shot(brit, 'profiles-managed');
  await brit.click('[data-manage]');
  await brit.click('[data-edit="Thirteen"]');
  await brit.selectOption('select[name=ceiling]', '16+');
  await brit.click('button[type=submit]');
  await brit.waitForSelector('.error:text("needs the account password")');
  await brit.fill('input[name=password]', 'e2e-password');
  await brit.click('button[type=submit]');
  await brit.waitForSelector('[data-profile="Thirteen"]');
  const profiles = await brit.evaluate(async () => (await (await fetch('/api/v1/profiles',
    { headers: { Authorization: `Bearer ${sessionStorage.getItem('account')}` } })).json()).items);
  const guest = profiles.find((x) => x.name === 'Guest');
  const thirteen = profiles.find((x) => x.name === 'Thirteen');
  check(guest?.avatar === 5 && thirteen?.ceiling === '16+', `profiles after managing them: ${JSON.stringify(profiles)}`);
  // The account page lists the devices signed in: this browser among them.
  await brit.goto(`${url}#/account`);
  await brit.waitForSelector('[data-device] .meta:text("(this device)")');
  const device = await brit.textContent('[data-device]:has(.meta:text("(this device)"))');
  check(/Chrom(e|ium) on Linux/.test(device), `this device: ${device}`);
  await shot(brit, 'account-devices');
  // One stream at a time for the British account: a second browser is
  // told who is watching, stops that stream, and plays; the first is told.
  const adminLogin = await (await fetch(`${url}api/v1/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'e2e-admin', password: 'e2e-admin-password' }) })).json();
  const users = await (await fetch(`${url}api/v1/users`, { headers: { Authorization: `Bearer ${adminLogin.token}` } })).json();
  const britUser = users.items.find((u) => u.name === 'e2e-brit');
  await fetch(`${url}api/v1/users/${britUser.id}`, { method: 'PATCH', headers: { Authorization: `Bearer ${adminLogin.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ max_streams: 1 }) });
  await brit.goto(`${url}#/profiles`);
  await brit.click('[data-profile="Sixteen"]');
  await brit.waitForSelector('[data-billboard], [data-row]');
  await brit.goto(`${url}#/watch/1/1/1`);
  await brit.waitForFunction(() => { const v = document.querySelector('video'); return v && v.currentTime > 0.2; }, null, { timeout: 20000, polling: 100 });
  const second = await browser.newContext({ viewport: { width: 390, height: 800 } });
  const other = await second.newPage();
  await other.goto(url);
  await other.fill('input[name=username]', 'e2e-brit');
  await other.fill('input[name=password]', 'e2e-password');
  await other.click('button[type=submit]');
  await other.click('[data-profile="Guest"]');
  await other.waitForSelector('[data-billboard], [data-row]');
  await other.goto(`${url}#/watch/1/1/1`);
  await other.waitForSelector('[data-stream] button');
  await shot(other, 'too-many-streams-phone');
  await other.click('[data-stream] button');
  await other.waitForFunction(() => { const v = document.querySelector('video'); return v && v.currentTime > 0.2; }, null, { timeout: 20000, polling: 100 });
  await brit.waitForSelector('[data-stopped]', { timeout: 20000 });
  check(/stopped from another device/.test(await brit.textContent('[data-stopped]')), 'the first browser is told its stream was stopped');
  await second.close();
  await brit.close();

  // An admin sees the audience chart of what was just watched.
  const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  admin.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await admin.goto(url);
  await admin.fill('input[name=username]', 'e2e-admin');
  await admin.fill('input[name=password]', 'e2e-admin-password');
  await admin.click('button[type=submit]');
  // An admin lands on the admin page, whose titles come with their windows:
  // no request per title.
  let perTitle = 0;
  admin.on('request', (r) => { if (/\/titles\/\d+\/availability/.test(r.url()) && r.method() === 'GET') perTitle++; });
  await admin.waitForURL(/#\/admin$/);
  await admin.waitForSelector('select[name=kind]');
  await admin.waitForSelector('[data-table=titles] tr[data-title]');
  check(perTitle === 0, `the admin page asked for ${perTitle} titles' windows one by one`);
  // Find a title and give it a window in France from the page.
  await admin.fill('input[aria-label="Find a title"]', 'jessica');
  await admin.waitForFunction(() => document.querySelectorAll('[data-table=titles] tr[data-title]').length === 1);
  await admin.click('[data-title="Jessica Jones"] [data-edit-windows]');
  await admin.fill('.windows-editor input[name=platform]', 'Netflix');
  await admin.fill('.windows-editor input[name=territories]', 'FR');
  await admin.fill('.windows-editor input[name=from]', '2023-01-01');
  await admin.click('.windows-editor button[type=submit]');
  await admin.waitForSelector('[data-title="Jessica Jones"] td:has-text("Netflix: FR from 2023-01-01")');
  await shot(admin, 'admin-windows');
  // Accounts: add one, reset its password; its next sign-in must change it.
  await admin.fill('form.inline input[name=name]', 'e2e-newcomer');
  await admin.fill('form.inline input[name=password]', 'first-password');
  await admin.fill('form.inline input[name=territory]', 'gb');
  await admin.click('form.inline button[type=submit]');
  await admin.waitForSelector('[data-user="e2e-newcomer"]');
  admin.once('dialog', (d) => d.accept('temporary-pass'));
  await admin.click('[data-user="e2e-newcomer"] [data-action=reset]');
  await admin.waitForSelector('[data-user="e2e-newcomer"] td:text("must change password")');
  const activity = await admin.$eval('[data-user="e2e-viewer"]', (r) => [...r.cells].map((c) => c.textContent));
  check(activity[3] !== 'never' && Number(activity[4]) >= 1, `the viewer's row: ${activity}`);
  await shot(admin, 'admin-accounts');
  const newcomer = await browser.newPage({ viewport: { width: 390, height: 800 } });
  await newcomer.goto(url);
  await newcomer.fill('input[name=username]', 'e2e-newcomer');
  await newcomer.fill('input[name=password]', 'temporary-pass');
  await newcomer.click('button[type=submit]');
  await newcomer.waitForURL(/#\/account$/);
  await newcomer.goto(`${url}#/home`);
  await newcomer.waitForURL(/#\/account$/); // nothing else until the password is changed
  await newcomer.fill('input[name=current]', 'temporary-pass');
  await newcomer.fill('input[name=new]', 'my-own-password');
  await newcomer.fill('input[name=again]', 'my-own-password');
  await shot(newcomer, 'must-change-password-phone');
  await newcomer.click('button[type=submit]');
  await newcomer.waitForSelector('[data-profile="e2e-newcomer"]');
  await newcomer.close();
  // An invitation: the admin makes a link, someone opens an account with it.
  await admin.fill('form:has-text("Invite someone") input[name=territory]', 'GB');
  await admin.click('form:has-text("Invite someone") button[type=submit]');
  const invited = await admin.waitForSelector('[data-invite-link] code');
  const inviteUrl = await invited.textContent();
  check(/\/#\/invite\/[A-Za-z0-9_-]{43}$/.test(inviteUrl), `the invitation link: ${inviteUrl}`);
  const invitee = await browser.newPage({ viewport: { width: 390, height: 800 } });
  await invitee.goto(inviteUrl);
  await invitee.fill('input[name=name]', 'e2e-invited');
  await invitee.fill('input[name=password]', 'invited-password');
  await invitee.fill('input[name=again]', 'invited-password');
  await shot(invitee, 'invited-phone');
  await invitee.click('button[type=submit]');
  await invitee.waitForSelector('[data-profile="e2e-invited"]');
  await invitee.close();
  await admin.selectOption('select[name=kind]', 'binge');
  await admin.fill('input[name=title]', 'Jessica Jones');
  await admin.click('form:has(select[name=kind]) button[type=submit]');
  await admin.waitForSelector('img[data-chart=binge]');
  const width = await admin.$eval('img[data-chart=binge]', (img) => img.decode().then(() => img.naturalWidth));
  check(width > 0, 'the bingeing chart did not render');
  await shot(admin, 'admin-audience');
  await admin.fill('input[name=title]', 'No Such Show');
  await admin.click('form:has(select[name=kind]) button[type=submit]');
  await admin.waitForSelector('.chart .error');
  check(/No Such Show|no series|not found/i.test(await admin.textContent('.chart .error')), 'an unknown title is named');
  console.log(`player_test: ${checks} checks passed`);
} catch (e) {
  // What the page showed when it failed, and what the player had.
  await page.screenshot({ path: `${shots}/failure.png` }).catch(() => {});
  const state = await page.evaluate(() => {
    const v = document.querySelector('video');
    return { url: location.href, text: document.querySelector('main')?.innerText.slice(0, 300),
      video: v && { src: v.currentSrc, readyState: v.readyState, paused: v.paused, time: v.currentTime,
        error: v.error?.message, method: v.dataset.method } };
  }).catch(() => null);
  console.error(`player_test failed; the page: ${JSON.stringify(state)}`);
  throw e;
} finally {
  await browser.close();
}
