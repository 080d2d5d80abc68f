// The entrance kiosk screen: a site's short-lived QR code, large, replaced at half its lifetime so a photo of it
// is soon useless. Meant to run for hours unattended: when the network or the service fails it says so, keeps
// retrying and takes the code off the screen once it has expired. Texts for visitors are shown in both languages.
(function () {
  'use strict';
  const S = window.Staff;
  const $ = S.$;
  const RETRY_MS = 5000;
  const MIN_REFRESH_MS = 1000;
  const TICK_MS = 1000;

  S.addTexts({
    vi: {
      title: 'Màn hình QR tại cửa', fullscreen: 'Toàn màn hình', refresh: 'Làm mới',
      noSites: 'Tài khoản chưa được giao địa điểm nào.'
    },
    en: {
      title: 'Entrance QR screen', fullscreen: 'Full screen', refresh: 'Refresh',
      noSites: 'This account has no sites assigned.'
    }
  });

  let siteId = null;
  let running = false;
  let loading = false;
  let fetchTimer = null;
  let tickTimer = null;
  /** The code on screen: when it stops working and when the next one is due, in this browser's clock. */
  let shown = null;
  let wakeLock = null;
  let startTimer = null;

  /** The site named in the address, else the one reception last used in this tab, else the account's first. */
  async function chooseSite() {
    const asked = new URLSearchParams(window.location.search).get('site');
    if (asked) { return S.api('GET', '/api/v1/sites/' + encodeURIComponent(asked)); }
    const sites = (await S.api('GET', '/api/v1/sites?active=true&size=200')).items;
    if (!sites.length) { return null; }
    const remembered = sessionStorage.getItem('checkin.reception.site');
    return sites.find((s) => s.id === remembered) || sites[0];
  }

  async function begin() {
    const site = await chooseSite();
    if (!site) { S.say(S.t('noSites')); return; }
    S.say('');
    siteId = site.id;
    $('site-name').textContent = site.name;
    document.title = site.name + ' – ' + S.t('title');
    window.history.replaceState(null, '', '/reception/kiosk?site=' + encodeURIComponent(site.id));
    running = true;
    keepScreenOn();
    clearInterval(tickTimer);
    tickTimer = setInterval(tick, TICK_MS);
    await fetchCode();
  }

  /** Starts once the site is known; an unreachable service is tried again, a refusal is shown and left alone. */
  function startWhenReachable() {
    begin().catch((error) => {
      S.showProblem(error);
      if (!(error instanceof S.ApiError) || error.status === 429 || error.status >= 500) {
        clearTimeout(startTimer);
        startTimer = setTimeout(startWhenReachable, RETRY_MS);
      }
    });
  }

  /** Fetches a new code; on success the next is due at half its lifetime, on failure another try in a few seconds. */
  async function fetchCode() {
    if (!running || loading) { return; }
    loading = true;
    clearTimeout(fetchTimer);
    $('refresh').disabled = true;
    try {
      const code = await S.api('GET', '/api/v1/sites/' + encodeURIComponent(siteId) + '/kiosk-qr');
      show(code);
      $('offline').hidden = true;
      schedule(shown.nextAt - Date.now());
    } catch (error) {
      if (!running) { return; }
      if (error instanceof S.ApiError && (error.status === 403 || error.status === 404)) {
        S.showProblem(error);
        stop();
        return;
      }
      $('offline').hidden = false;
      schedule(RETRY_MS);
    } finally {
      loading = false;
      $('refresh').disabled = false;
      tick();
    }
  }

  function schedule(delay) {
    clearTimeout(fetchTimer);
    if (running) { fetchTimer = setTimeout(fetchCode, Math.max(MIN_REFRESH_MS, delay)); }
  }

  /** Puts the code on screen. Times are counted from now with the code's lifetime: the kiosk's clock may be off. */
  function show(code) {
    const lifetime = (Date.parse(code.expiresAt) - Date.parse(code.issuedAt)) || code.lifetimeSeconds * 1000;
    const now = Date.now();
    shown = { expiresAt: now + lifetime, nextAt: now + lifetime / 2 };
    const image = $('qr');
    // The SVG is our own API's, drawn as an image: an <img> never runs scripts, and the CSP allows data: images.
    image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(code.svg);
    image.dataset.url = code.url;
    const app = $('app');
    app.dataset.issuedAt = code.issuedAt;
    app.dataset.expiresAt = code.expiresAt;
    app.dataset.nextRefreshAt = new Date(shown.nextAt).toISOString();
  }

  /** Every second: the countdown, and the code taken away once it no longer works. */
  function tick() {
    const countdown = $('countdown');
    countdown.textContent = '';
    if (!shown) { $('qr').hidden = true; return; }
    const now = Date.now();
    const expired = now >= shown.expiresAt;
    $('qr').hidden = expired;
    $('expired').hidden = !expired;
    if (expired) { return; }
    const offline = !$('offline').hidden;
    const seconds = Math.max(0, Math.ceil(((offline ? shown.expiresAt : shown.nextAt) - now) / 1000));
    const vi = offline ? 'Mã còn hiệu lực ' + seconds + ' giây' : 'Mã mới sau ' + seconds + ' giây';
    const en = offline ? 'Valid for ' + seconds + ' s more' : 'New code in ' + seconds + ' s';
    countdown.appendChild(S.el('span', { lang: 'vi' }, vi));
    countdown.appendChild(document.createTextNode(' · '));
    countdown.appendChild(S.el('span', { lang: 'en' }, en));
  }

  function stop() {
    running = false;
    clearTimeout(startTimer);
    startTimer = null;
    clearTimeout(fetchTimer);
    clearInterval(tickTimer);
    fetchTimer = null;
    tickTimer = null;
    shown = null;
    $('qr').hidden = true;
    $('qr').removeAttribute('src');
    $('expired').hidden = true;
    $('offline').hidden = true;
    $('countdown').textContent = '';
    releaseScreen();
  }

  /** Asks the browser not to dim the screen while the code is shown (where the Wake Lock API exists). */
  async function keepScreenOn() {
    if (!running || document.hidden || !navigator.wakeLock || wakeLock) { return; }
    try {
      wakeLock = await navigator.wakeLock.request('screen');
      wakeLock.addEventListener('release', () => { wakeLock = null; });
    } catch (e) {
      wakeLock = null; // not allowed here: the screen's own settings decide
    }
  }

  function releaseScreen() {
    if (wakeLock) { wakeLock.release().catch(() => {}); wakeLock = null; }
  }

  function toggleFullscreen() {
    if (document.fullscreenElement) {
      document.exitFullscreen().catch(() => {});
    } else if (document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen().catch(() => {});
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('refresh').addEventListener('click', () => { fetchCode(); });
    $('fullscreen').addEventListener('click', toggleFullscreen);
    document.addEventListener('visibilitychange', () => {
      if (document.hidden || !running) { return; }
      keepScreenOn();
      if (shown && Date.now() >= shown.nextAt) { fetchCode(); }
    });
  });

  S.start({
    roles: ['RECEPTION', 'ADMIN'],
    onLogin: startWhenReachable,
    onLogout: stop
  });
}());
