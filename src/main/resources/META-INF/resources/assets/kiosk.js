// The entrance kiosk screen: a site's short-lived QR code, large, replaced at half its lifetime so a photo of it
// is soon useless. It runs on a kiosk token (a device enrolled by reception), never on a staff login: the token is
// entered once, or comes in the link reception opens on the device (#kiosk=...), and is kept in this browser's
// localStorage for that site, so the screen survives reloads and days of running. Meant to run unattended: when
// the network or the service fails it says so, keeps retrying and takes the code off the screen once it has
// expired; a revoked token stops it with a message and the token field. Texts for visitors are in both languages.
(function () {
  'use strict';
  const S = window.Staff;
  const $ = S.$;
  const RETRY_MS = 5000;
  const MIN_REFRESH_MS = 1000;
  const TICK_MS = 1000;
  const TOKEN_KEY = 'checkin.kiosk.token.';

  S.addTexts({
    vi: { title: 'Màn hình QR tại cửa', fullscreen: 'Toàn màn hình', refresh: 'Làm mới' },
    en: { title: 'Entrance QR screen', fullscreen: 'Full screen', refresh: 'Refresh' }
  });

  const SAY = {
    revoked: ['Thiết bị này đã bị thu hồi hoặc mã không hợp lệ. Vui lòng nhờ lễ tân đăng ký lại.',
      'This screen has been revoked or its token is not valid. Please ask reception to enrol it again.'],
    otherSite: ['Mã thiết bị này được đăng ký cho một địa điểm khác. Vui lòng nhờ lễ tân đăng ký màn hình cho địa '
      + 'điểm này.', 'This kiosk token belongs to another site. Please ask reception to enrol the screen for this site.'],
    notFound: ['Không tìm thấy địa điểm của màn hình này. Vui lòng nhờ lễ tân kiểm tra đường dẫn.',
      'The site of this screen was not found. Please ask reception to check the link.'],
    refused: ['Máy chủ từ chối yêu cầu của màn hình này. Vui lòng nhờ lễ tân kiểm tra.',
      'The service refused this screen\'s request. Please ask reception to check it.'],
    badToken: ['Đây không phải là mã thiết bị. Hãy dán mã hoặc đường dẫn lễ tân nhận được khi đăng ký.',
      'This is not a kiosk token. Paste the token or the link reception got when enrolling the screen.']
  };

  let siteId = null;
  let token = null;
  let running = false;
  let loading = false;
  let fetchTimer = null;
  let tickTimer = null;
  /** The code on screen: when it stops working and when the next one is due, in this browser's clock. */
  let shown = null;
  let siteName = '';
  let wakeLock = null;

  // --- The kiosk token, kept per site -------------------------------------------------------------------------

  function stored(site) {
    try { return localStorage.getItem(TOKEN_KEY + site); } catch (e) { return null; }
  }

  function store(site, value) {
    try { localStorage.setItem(TOKEN_KEY + site, value); } catch (e) { /* private mode: kept until a reload */ }
  }

  function forget(site) {
    try { localStorage.removeItem(TOKEN_KEY + site); } catch (e) { /* nothing kept */ }
  }

  /** The one site this browser keeps a token for, when the address names none (a bookmark of the bare page). */
  function onlyStoredSite() {
    try {
      const sites = Object.keys(localStorage).filter((k) => k.indexOf(TOKEN_KEY) === 0)
        .map((k) => k.slice(TOKEN_KEY.length));
      return sites.length === 1 ? sites[0] : null;
    } catch (e) {
      return null;
    }
  }

  /**
   * The site a kiosk token is for, read from its claims (not checked here: the service checks the signature and
   * refuses a token of another site with a 403). Null when the text is not a token.
   */
  function siteOf(candidate) {
    const parts = String(candidate || '').split('.');
    if (parts.length !== 3) { return null; }
    try {
      const claims = JSON.parse(atob(parts[1].replace(/-/g, '+').replace(/_/g, '/')));
      return Array.isArray(claims.sites) && claims.sites.length === 1 ? String(claims.sites[0]) : null;
    } catch (e) {
      return null;
    }
  }

  /** A token in the address (#kiosk=...), taken out of the address bar at once so it is not left in view or history. */
  function takeTokenFromAddress() {
    const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
    const value = fragment.get('kiosk');
    if (window.location.hash) {
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
    }
    return value ? value.trim() : null;
  }

  /** What reception pasted: the token itself, or the whole link with the token after #kiosk=. */
  function tokenFromField(text) {
    const value = text.trim();
    const at = value.indexOf('#kiosk=');
    if (at < 0) { return { token: value, site: null }; }
    let site = null;
    try { site = new URL(value, window.location.href).searchParams.get('site'); } catch (e) { site = null; }
    return { token: decodeURIComponent(value.slice(at + '#kiosk='.length)).trim(), site: site };
  }

  // --- Messages on the glass, in both languages ----------------------------------------------------------------

  function sayBoth(pair) {
    const box = $('message');
    box.textContent = '';
    box.hidden = !pair;
    box.classList.remove('ok');
    if (!pair) { return; }
    box.appendChild(S.el('span', { lang: 'vi' }, pair[0]));
    box.appendChild(S.el('span', { lang: 'en' }, pair[1]));
  }

  function askForToken() {
    $('app').hidden = true;
    $('enrol').hidden = false;
    $('kiosk-token').value = '';
    $('kiosk-token').focus();
  }

  function startWithField(event) {
    event.preventDefault();
    const entered = tokenFromField($('kiosk-token').value);
    const site = siteId || entered.site || siteOf(entered.token);
    const error = $('kiosk-token-error');
    error.textContent = '';
    if (!entered.token || !site || !siteOf(entered.token)) {
      error.appendChild(S.el('span', { lang: 'vi' }, SAY.badToken[0]));
      error.appendChild(document.createTextNode(' '));
      error.appendChild(S.el('span', { lang: 'en' }, SAY.badToken[1]));
      $('kiosk-token').setAttribute('aria-invalid', 'true');
      $('kiosk-token').focus();
      return;
    }
    $('kiosk-token').removeAttribute('aria-invalid');
    siteId = site;
    store(siteId, entered.token);
    begin(entered.token);
  }

  // --- The code on screen --------------------------------------------------------------------------------------

  function begin(kioskToken) {
    token = kioskToken;
    window.history.replaceState(null, '', '/reception/kiosk?site=' + encodeURIComponent(siteId));
    sayBoth(null);
    $('enrol').hidden = true;
    $('kiosk-token').value = '';
    $('app').hidden = false;
    running = true;
    keepScreenOn();
    clearInterval(tickTimer);
    tickTimer = setInterval(tick, TICK_MS);
    fetchCode();
  }

  /** Fetches a new code; on success the next is due at half its lifetime, on failure another try in a few seconds. */
  async function fetchCode() {
    if (!running || loading) { return; }
    loading = true;
    clearTimeout(fetchTimer);
    $('refresh').disabled = true;
    try {
      const code = await S.api('GET', '/api/v1/sites/' + encodeURIComponent(siteId) + '/kiosk-qr', undefined,
        { token: token });
      if (!running) { return; }
      show(code);
      $('offline').hidden = true;
      schedule(shown.nextAt - Date.now());
    } catch (error) {
      if (!running) { return; }
      if (error instanceof S.ApiError && error.status !== 429 && error.status < 500) {
        refused(error.status);
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

  /**
   * The service will not give this screen codes: a revoked or unknown token (401) or one of another site (403) is
   * forgotten, and the field asks for a new one; trying again would only be refused again.
   */
  function refused(status) {
    stop();
    if (status === 401 || status === 403) {
      forget(siteId);
      token = null;
    }
    sayBoth(status === 401 ? SAY.revoked : status === 403 ? SAY.otherSite : status === 404 ? SAY.notFound : SAY.refused);
    askForToken();
  }

  function schedule(delay) {
    clearTimeout(fetchTimer);
    if (running) { fetchTimer = setTimeout(fetchCode, Math.max(MIN_REFRESH_MS, delay)); }
  }

  /** Puts the code on screen. Times are counted from now with the code's lifetime: the kiosk's clock may be off. */
  function show(code) {
    const lifetime = (Date.parse(code.expiresAt) - Date.parse(code.issuedAt)) || code.lifetimeSeconds * 1000;
    const now = Date.now();
    shown = { expiresAt: now + lifetime, nextAt: now + lifetime / 2, active: code.siteActive !== false };
    const image = $('qr');
    // The SVG is our own API's, drawn as an image: an <img> never runs scripts, and the CSP allows data: images.
    image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(code.svg);
    image.dataset.url = code.url;
    const app = $('app');
    app.dataset.issuedAt = code.issuedAt;
    app.dataset.expiresAt = code.expiresAt;
    app.dataset.nextRefreshAt = new Date(shown.nextAt).toISOString();
    siteName = code.siteName || '';
    $('site-name').textContent = siteName;
    nameThePage();
  }

  function nameThePage() {
    document.title = (siteName ? siteName + ' – ' : '') + S.t('title');
  }

  /** Every second: the countdown, and the code taken away once it no longer works (or the site takes nobody). */
  function tick() {
    const countdown = $('countdown');
    countdown.textContent = '';
    if (!shown) { $('qr').hidden = true; $('inactive').hidden = true; return; }
    const now = Date.now();
    const expired = now >= shown.expiresAt;
    $('qr').hidden = expired || !shown.active;
    $('inactive').hidden = expired || shown.active;
    $('expired').hidden = !expired;
    if (expired || !shown.active) { return; }
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
    clearTimeout(fetchTimer);
    clearInterval(tickTimer);
    fetchTimer = null;
    tickTimer = null;
    shown = null;
    $('qr').hidden = true;
    $('qr').removeAttribute('src');
    $('expired').hidden = true;
    $('inactive').hidden = true;
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

  /**
   * Starts from the address: the site it names, else the site of a token in the link, else the only one this
   * browser keeps a token for. A link with a broken token does not replace the token the screen runs on.
   */
  function ready() {
    const fromLink = takeTokenFromAddress();
    siteId = new URLSearchParams(window.location.search).get('site') || siteOf(fromLink) || onlyStoredSite();
    if (siteOf(fromLink) && siteId) { store(siteId, fromLink); }
    const kept = siteId ? stored(siteId) : null;
    if (kept) { begin(kept); return; }
    if (fromLink) { sayBoth(SAY.badToken); }
    askForToken();
  }

  /** A #kiosk= link opened in the tab that already shows the screen changes only the fragment: no page load. */
  function linkOpenedHere() {
    const fromLink = takeTokenFromAddress();
    if (!fromLink) { return; }
    if (!siteOf(fromLink)) {
      if (!running) { sayBoth(SAY.badToken); }
      return;
    }
    stop();
    siteId = new URLSearchParams(window.location.search).get('site') || siteOf(fromLink);
    store(siteId, fromLink);
    begin(fromLink);
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('refresh').addEventListener('click', () => { fetchCode(); });
    $('fullscreen').addEventListener('click', toggleFullscreen);
    $('enrol').addEventListener('submit', startWithField);
    window.addEventListener('hashchange', linkOpenedHere);
    document.addEventListener('visibilitychange', () => {
      if (document.hidden || !running) { return; }
      keepScreenOn();
      if (shown && Date.now() >= shown.nextAt) { fetchCode(); }
    });
  });

  S.onLanguage(nameThePage);
  S.startScreen(ready);
}());
