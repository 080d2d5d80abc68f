// Shared by the staff pages (reception, tracing, admin): login kept in this tab's sessionStorage, API calls with
// the bearer token and problem+json errors shown to the user, the Vietnamese/English switch, file downloads.
// The entrance screen uses the same helpers without a staff login (startScreen, api with its own token).
// Text that comes from users or the API is always set with textContent, never parsed as HTML.
(function () {
  'use strict';

  const SESSION_KEY = 'checkin.staff';
  const LANG_KEY = 'checkin.lang';
  const LOGOUT_WAIT_MS = 5000;

  const TEXT = {
    vi: {
      switchTo: 'English', login: 'Đăng nhập', loginTitle: 'Đăng nhập cho nhân viên', username: 'Tên đăng nhập',
      password: 'Mật khẩu', logout: 'Đăng xuất', badLogin: 'Sai tên đăng nhập hoặc mật khẩu.',
      tooMany: 'Thao tác quá nhiều lần, vui lòng thử lại sau ít phút.',
      expired: 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.',
      revoked: 'Phiên đăng nhập đã kết thúc (đăng xuất, hoặc tài khoản đã thay đổi). Vui lòng đăng nhập lại.',
      forbidden: 'Tài khoản này không có quyền dùng trang này.', notFound: 'Không tìm thấy.',
      conflict: 'Dữ liệu bị trùng hoặc xung đột.', unavailable: 'Hệ thống tạm thời không sẵn sàng, vui lòng thử lại.',
      failed: 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.', invalid: 'Vui lòng sửa các mục sau:',
      signedInAs: 'Đang đăng nhập:', downloaded: 'Đã tải xuống', loading: 'Đang tải…', toAudit: 'Nhật ký truy cập',
      FEVER: 'Sốt', SYMPTOMS: 'Có triệu chứng', CLOSE_CONTACT: 'Tiếp xúc gần ca bệnh', OUTBREAK_AREA: 'Đi qua vùng dịch'
    },
    en: {
      switchTo: 'Tiếng Việt', login: 'Log in', loginTitle: 'Staff login', username: 'Username', password: 'Password',
      logout: 'Log out', badLogin: 'Wrong username or password.',
      tooMany: 'Too many attempts, please try again in a few minutes.',
      expired: 'Your session has expired, please log in again.',
      revoked: 'Your session has ended (logged out, or the account was changed). Please log in again.',
      forbidden: 'This account is not allowed to use this page.', notFound: 'Not found.',
      conflict: 'This conflicts with existing data.', unavailable: 'The service is unavailable, please try again.',
      failed: 'Could not reach the server. Please check the network and try again.',
      invalid: 'Please correct the following:', signedInAs: 'Signed in as', downloaded: 'Downloaded',
      loading: 'Loading…', toAudit: 'Audit trail',
      FEVER: 'Fever', SYMPTOMS: 'Symptoms', CLOSE_CONTACT: 'Close contact', OUTBREAK_AREA: 'Outbreak area'
    }
  };

  let lang = readLocal(LANG_KEY) === 'en' ? 'en' : 'vi';
  const languageListeners = [];

  function readLocal(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }

  function writeLocal(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* private mode: the choice is not remembered */ }
  }

  const $ = (id) => document.getElementById(id);

  function t(key) {
    return (TEXT[lang] && TEXT[lang][key]) || TEXT.vi[key] || key;
  }

  /** Adds the page's own texts ({vi: {...}, en: {...}}) to the shared ones. */
  function addTexts(pageTexts) {
    Object.keys(pageTexts).forEach((l) => Object.assign(TEXT[l], pageTexts[l]));
  }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll('[data-i18n-label]').forEach((el) => {
      el.setAttribute('aria-label', t(el.dataset.i18nLabel));
    });
    if (document.body.dataset.title) { document.title = t(document.body.dataset.title); }
    // The entrance screen has no staff header: a staff login kept in the same tab must not reach it.
    const current = session();
    const logout = $('logout');
    if (current && logout && $('who') && !logout.hidden) { $('who').textContent = t('signedInAs') + ' ' + current.username; }
    const button = $('lang');
    button.textContent = t('switchTo');
    button.setAttribute('lang', lang === 'vi' ? 'en' : 'vi');
    languageListeners.forEach((listener) => listener(lang));
  }

  /** Creates an element; text is set as text, attributes as attributes. */
  function el(tag, attrs, text) {
    const element = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([name, value]) => {
      if (value === undefined || value === null || value === false) { return; }
      if (name === 'className') { element.className = value; } else { element.setAttribute(name, value === true ? '' : value); }
    });
    if (text !== undefined && text !== null) { element.textContent = String(text); }
    return element;
  }

  function session() {
    try { return JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null'); } catch (e) { return null; }
  }

  function say(text, ok) {
    const box = $('message');
    box.textContent = '';
    box.hidden = !text;
    box.classList.toggle('ok', !!ok);
    if (text) { box.appendChild(document.createTextNode(text)); }
  }

  /** An answer other than 2xx: the status and its problem+json body. */
  class ApiError extends Error {
    constructor(status, problem) {
      super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
      this.status = status;
      this.problem = problem || {};
    }
  }

  /** A 401 for a token that was ended before its time (logout, an account change, a revoked kiosk). */
  function isRevoked(error) {
    return error instanceof ApiError && error.status === 401 && /revoked-token$/.test(String(error.problem.type || ''));
  }

  /** Why the login ended: cut short by a logout or an account change, or simply run out. */
  function endedText(problem) {
    return /revoked-token$/.test(String((problem && problem.type) || '')) ? t('revoked') : t('expired');
  }

  /** Shows what went wrong: our own words for the status, the service's detail and each invalid field. */
  function showProblem(error) {
    if (!(error instanceof ApiError)) { say(t('failed')); return; }
    const p = error.problem;
    if (error.status === 401) { say(endedText(p)); $('message').focus(); return; }
    const byStatus = { 403: 'forbidden', 404: 'notFound', 409: 'conflict', 429: 'tooMany', 503: 'unavailable' };
    const box = $('message');
    say(p.violations ? t('invalid') : (byStatus[error.status] ? t(byStatus[error.status]) : (p.title || t('failed'))));
    if (p.detail && !p.violations) { box.appendChild(el('span', { className: 'detail' }, ' ' + p.detail)); }
    if (p.violations) {
      const list = el('ul');
      p.violations.forEach((v) => list.appendChild(el('li', {}, v.field + ': ' + v.message)));
      box.appendChild(list);
    }
    box.focus();
  }

  /**
   * One API call. With {token} it carries that token (the entrance screen's kiosk token) and leaves the staff login
   * alone; otherwise the logged-in user's, and a 401 ends that login.
   */
  async function send(method, path, body, accept, options) {
    const own = options && options.token;
    const current = own ? null : session();
    const headers = { Accept: accept || 'application/json' };
    if (own) { headers.Authorization = 'Bearer ' + own; } else if (current) { headers.Authorization = 'Bearer ' + current.token; }
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    const response = await fetch(path, {
      method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store', signal: options && options.signal
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      if (response.status === 401 && current) { endSession(); say(endedText(problem)); }
      throw new ApiError(response.status, problem);
    }
    return response;
  }

  /**
   * Calls the API with the logged-in user's token, or with options.token; resolves to the JSON body (null when
   * empty).
   */
  async function api(method, path, body, options) {
    const response = await send(method, path, body, undefined, options);
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }

  /** Fetches a file with the token and saves it under the name the service gives (Content-Disposition). */
  async function download(path, accept, fallbackName) {
    const response = await send('GET', path, undefined, accept);
    const blob = await response.blob();
    const disposition = response.headers.get('Content-Disposition') || '';
    const match = /filename="?([^";]+)"?/.exec(disposition);
    const name = match ? match[1] : fallbackName;
    const url = URL.createObjectURL(blob);
    const link = el('a', { href: url, download: name, hidden: true });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    say(t('downloaded') + ': ' + name, true);
    return name;
  }

  /** A blob (an image) as a data: URL, which the pages' CSP allows for images. */
  async function dataUrl(path, accept) {
    const blob = await (await send('GET', path, undefined, accept)).blob();
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result);
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(blob);
    });
  }

  function locale() { return lang === 'vi' ? 'vi-VN' : 'en-GB'; }

  /** Hours and minutes of an instant, in the given time zone (the site's) or the browser's. */
  function time(iso, zone) {
    if (!iso) { return ''; }
    return new Date(iso).toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit', timeZone: zone || undefined });
  }

  function dateTime(iso, zone) {
    if (!iso) { return ''; }
    return new Date(iso).toLocaleString(locale(), {
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZone: zone || undefined
    });
  }

  /** Today as YYYY-MM-DD in a time zone. */
  function today(zone) {
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone || undefined, year: 'numeric', month: '2-digit', day: '2-digit' })
      .format(new Date());
  }

  let page = null;

  function endSession() {
    try { sessionStorage.removeItem(SESSION_KEY); } catch (e) { /* nothing kept */ }
    showLogin();
  }

  /**
   * Ends the login on the service first, so the token is refused from now on even if it was copied, then here.
   * A service that cannot be reached (or answers slowly) does not keep anyone logged in on this screen: the
   * token is forgotten all the same and runs out at its expiry.
   */
  async function logout() {
    const current = session();
    say('');
    $('logout').disabled = true;
    if (current) {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), LOGOUT_WAIT_MS);
      try {
        await send('POST', '/api/v1/auth/logout', undefined, undefined, { token: current.token, signal: abort.signal });
      } catch (e) {
        // offline, or the token already ended: nothing more to end on the service
      } finally {
        clearTimeout(timer);
      }
    }
    $('logout').disabled = false;
    endSession();
  }

  function showLogin() {
    $('app').hidden = true;
    $('logout').hidden = true;
    $('who').textContent = '';
    $('login').hidden = false;
    if (page && page.onLogout) { page.onLogout(); }
    $('login-username').focus();
  }

  function enter(current) {
    const allowed = page.roles.some((role) => current.roles.indexOf(role) >= 0);
    $('login').hidden = true;
    $('logout').hidden = false;
    $('who').textContent = t('signedInAs') + ' ' + current.username;
    if (!allowed) { say(t('forbidden')); return; }
    say('');
    $('app').hidden = false;
    page.onLogin(current);
  }

  async function login(event) {
    event.preventDefault();
    const username = $('login-username').value.trim();
    const password = $('login-password').value;
    $('login-submit').disabled = true;
    try {
      const answer = await api('POST', '/api/v1/auth/token', { username: username, password: password });
      const current = {
        token: answer.accessToken, roles: answer.roles, username: username,
        expiresAt: Date.now() + answer.expiresIn * 1000
      };
      sessionStorage.setItem(SESSION_KEY, JSON.stringify(current));
      $('login-password').value = '';
      enter(current);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) { say(t('badLogin')); } else { showProblem(error); }
    } finally {
      $('login-submit').disabled = false;
    }
  }

  /**
   * Starts a staff page: {roles: [...allowed], onLogin(session), onLogout()}. Shows the login form until someone
   * with one of the roles is logged in in this tab.
   */
  function start(options) {
    page = options;
    document.addEventListener('DOMContentLoaded', () => {
      setUpLanguage();
      $('login').addEventListener('submit', login);
      $('logout').addEventListener('click', logout);
      const current = session();
      if (current && current.expiresAt > Date.now()) { enter(current); } else { endSession(); }
    });
  }

  function setUpLanguage() {
    applyLanguage();
    $('lang').addEventListener('click', () => {
      lang = lang === 'vi' ? 'en' : 'vi';
      writeLocal(LANG_KEY, lang);
      applyLanguage();
    });
  }

  /** Starts a page that runs without a staff login (the entrance screen): the language switch, then ready(). */
  function startScreen(ready) {
    document.addEventListener('DOMContentLoaded', () => {
      setUpLanguage();
      ready();
    });
  }

  function onLanguage(listener) { languageListeners.push(listener); }

  /** Runs an action from a button or form; problems are shown instead of thrown. */
  function guard(action) {
    return async function (event) {
      if (event && event.preventDefault) { event.preventDefault(); }
      try { await action.apply(this, arguments); } catch (error) { showProblem(error); }
    };
  }

  window.Staff = {
    $, t, el, api, download, dataUrl, say, showProblem, guard, addTexts, start, startScreen, onLanguage, time,
    dateTime, today, session, lang: () => lang, ApiError, isRevoked
  };
}());
