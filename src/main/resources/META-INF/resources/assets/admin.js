// Administrators: sites (create, QR preview, poster, rotate the code, entrance screens through kiosks.js) and staff
// accounts (create, deactivate).
(function () {
  'use strict';
  const S = window.Staff;
  const $ = S.$;

  S.addTexts({
    vi: {
      title: 'Quản trị – Địa điểm và tài khoản', sitesTitle: 'Địa điểm', colCode: 'Mã', colName: 'Tên',
      colAddress: 'Địa chỉ', colQrVersion: 'Phiên bản QR', colActive: 'Hoạt động', colAction: 'Thao tác',
      checkinUrl: 'Địa chỉ check in:', showSvg: 'Xem bản SVG (in sắc nét)', poster: 'Tải poster PDF',
      rotate: 'Đổi mã QR', close: 'Đóng', newSite: 'Thêm địa điểm', code: 'Mã (a-z, 0-9, dấu gạch ngang; in trên QR)',
      name: 'Tên địa điểm', address: 'Địa chỉ', organization: 'Cơ quan', timeZone: 'Múi giờ',
      stay: 'Tự check out sau (phút)', createSite: 'Tạo địa điểm', usersTitle: 'Tài khoản nhân viên',
      colUsername: 'Tên đăng nhập', colDisplayName: 'Họ tên', colRoles: 'Vai trò', colSites: 'Địa điểm',
      newPassword: 'Mật khẩu (ít nhất 10 ký tự)', userSites: 'Địa điểm (cho lễ tân; giữ Ctrl để chọn nhiều)',
      RECEPTION: 'Lễ tân', TRACER: 'Truy vết', ADMIN: 'Quản trị', newUser: 'Thêm tài khoản', createUser: 'Tạo tài khoản',
      yes: 'Có', no: 'Không', showQr: 'Mã QR', qrOf: 'Mã QR của', posterOf: 'Poster của', deactivate: 'Khóa',
      deactivateOf: 'Khóa tài khoản', qrAlt: 'Mã QR để check in tại', siteCreated: 'Đã tạo địa điểm',
      userCreated: 'Đã tạo tài khoản', confirmRotate: 'Đổi mã QR của "{name}"? Các poster đã in sẽ không dùng được nữa.',
      rotated: 'Đã đổi mã QR, phiên bản mới: {version}. Hãy in poster mới.',
      confirmDeactivate: 'Khóa tài khoản "{name}"? Người này sẽ không đăng nhập được nữa.',
      deactivated: 'Đã khóa tài khoản', needRole: 'Vui lòng chọn ít nhất một vai trò.',
      needSite: 'Tài khoản lễ tân cần ít nhất một địa điểm.', searchSites: 'Tìm địa điểm (tên, mã)',
      prev: 'Trang trước', next: 'Trang sau', pageInfo: 'Trang {page}/{pages} – {total}',
      screens: 'Màn hình cửa', screensOf: 'Thiết bị màn hình cửa của'
    },
    en: {
      title: 'Administration – sites and accounts', sitesTitle: 'Sites', colCode: 'Code', colName: 'Name',
      colAddress: 'Address', colQrVersion: 'QR version', colActive: 'Active', colAction: 'Actions',
      checkinUrl: 'Check-in address:', showSvg: 'Show the SVG (sharp when printed)', poster: 'Download poster PDF',
      rotate: 'Rotate QR code', close: 'Close', newSite: 'New site', code: 'Code (a-z, 0-9, dash; printed in the QR)',
      name: 'Site name', address: 'Address', organization: 'Organization', timeZone: 'Time zone',
      stay: 'Automatic checkout after (minutes)', createSite: 'Create site', usersTitle: 'Staff accounts',
      colUsername: 'Username', colDisplayName: 'Name', colRoles: 'Roles', colSites: 'Sites',
      newPassword: 'Password (at least 10 characters)', userSites: 'Sites (for reception; Ctrl to pick several)',
      RECEPTION: 'Reception', TRACER: 'Tracer', ADMIN: 'Administrator', newUser: 'New account', createUser: 'Create account',
      yes: 'Yes', no: 'No', showQr: 'QR code', qrOf: 'QR code of', posterOf: 'Poster of', deactivate: 'Deactivate',
      deactivateOf: 'Deactivate the account of', qrAlt: 'QR code to check in at', siteCreated: 'Site created',
      userCreated: 'Account created', confirmRotate: 'Rotate the QR code of "{name}"? Printed posters stop working.',
      rotated: 'QR code rotated, new version {version}. Please print the new poster.',
      confirmDeactivate: 'Deactivate the account "{name}"? They will no longer be able to log in.',
      deactivated: 'Account deactivated', needRole: 'Please choose at least one role.',
      needSite: 'A reception account needs at least one site.', searchSites: 'Search sites (name, code)',
      prev: 'Previous page', next: 'Next page', pageInfo: 'Page {page}/{pages} – {total}',
      screens: 'Entrance screens', screensOf: 'Entrance screens of'
    }
  });

  const PAGE_SIZE = 50;
  let sites = [];
  let allSites = [];
  let users = [];
  let shown = null;
  let sitesPage = 0;
  let usersPage = 0;
  let searchDelay = null;

  function fill(template, values) {
    return Object.keys(values).reduce((text, key) => text.split('{' + key + '}').join(String(values[key])), template);
  }

  function button(label, ariaLabel, className, action) {
    const b = S.el('button', { type: 'button', className: className, 'aria-label': ariaLabel }, label);
    b.addEventListener('click', S.guard(action));
    return b;
  }

  /** Shows "page x of y" and enables the buttons of a list's pager. */
  function pager(prefix, answer) {
    const pages = Math.max(1, Math.ceil(answer.total / answer.size));
    $(prefix + '-page').textContent = fill(S.t('pageInfo'), { page: answer.page + 1, pages: pages, total: answer.total });
    $(prefix + '-prev').disabled = answer.page === 0;
    $(prefix + '-next').disabled = answer.page + 1 >= pages;
  }

  async function loadSites() {
    const params = new URLSearchParams({ page: String(sitesPage), size: String(PAGE_SIZE) });
    if ($('sites-q').value.trim()) { params.set('q', $('sites-q').value.trim()); }
    const answer = await S.api('GET', '/api/v1/sites?' + params);
    sites = answer.items;
    renderSites();
    pager('sites', answer);
  }

  /** The sites a new account can be given (the first 200 active ones, by name). */
  async function loadSiteChoices() {
    allSites = (await S.api('GET', '/api/v1/sites?active=true&size=200')).items;
    const select = $('u-sites');
    const chosen = Array.from(select.selectedOptions).map((o) => o.value);
    select.textContent = '';
    allSites.forEach((s) => select.appendChild(S.el('option', { value: s.id, selected: chosen.indexOf(s.id) >= 0 }, s.name)));
  }

  function renderSites() {
    const body = $('site-rows');
    body.textContent = '';
    sites.forEach((site) => {
      const tr = S.el('tr', { 'data-site-code': site.code });
      tr.appendChild(S.el('td', { className: 'mono' }, site.code));
      tr.appendChild(S.el('td', { className: 'name' }, site.name));
      tr.appendChild(S.el('td', {}, site.address || ''));
      tr.appendChild(S.el('td', {}, String(site.qrVersion)));
      tr.appendChild(S.el('td', {}, S.t(site.active ? 'yes' : 'no')));
      const actions = S.el('td', { className: 'actions' });
      actions.appendChild(button(S.t('showQr'), S.t('qrOf') + ' ' + site.name, 'secondary show-qr', () => showQr(site.id)));
      actions.appendChild(button(S.t('poster'), S.t('posterOf') + ' ' + site.name, 'secondary poster', () => poster(site)));
      actions.appendChild(button(S.t('screens'), S.t('screensOf') + ' ' + site.name, 'secondary screens',
        () => window.KioskDevices.show(site).then(() => $('kiosks-title').focus())));
      tr.appendChild(actions);
      body.appendChild(tr);
    });
  }

  function poster(site) {
    return S.download('/api/v1/sites/' + encodeURIComponent(site.id) + '/poster', 'application/pdf',
      'poster-' + site.code + '.pdf');
  }

  async function showQr(siteId) {
    const site = sites.find((s) => s.id === siteId);
    shown = site;
    const svg = $('qr-svg').checked;
    const image = await S.dataUrl('/api/v1/sites/' + encodeURIComponent(site.id) + '/qr?size=512&format='
      + (svg ? 'svg' : 'png'), svg ? 'image/svg+xml' : 'image/png');
    $('qr-image').src = image;
    $('qr-image').alt = S.t('qrAlt') + ' ' + site.name;
    $('qr-title').textContent = S.t('qrOf') + ' ' + site.name + ' (v' + site.qrVersion + ')';
    $('qr-url').textContent = site.checkinUrl;
    $('qr-panel').hidden = false;
    $('qr-title').focus();
  }

  async function rotate() {
    if (!shown || !window.confirm(fill(S.t('confirmRotate'), { name: shown.name }))) { return; }
    const site = await S.api('POST', '/api/v1/sites/' + encodeURIComponent(shown.id) + '/qr/rotate');
    await loadSites();
    await showQr(site.id);
    S.say(fill(S.t('rotated'), { version: site.qrVersion }), true);
  }

  async function createSite() {
    const text = (id) => { const value = $(id).value.trim(); return value || null; };
    const site = await S.api('POST', '/api/v1/sites', {
      code: text('s-code'), name: text('s-name'), address: text('s-address'), organization: text('s-organization'),
      timeZone: text('s-timeZone'), defaultStayMinutes: text('s-stay') ? Number(text('s-stay')) : null
    });
    $('site-form').reset();
    $('sites-q').value = site.code;
    sitesPage = 0;
    await loadSites();
    await loadSiteChoices();
    S.say(S.t('siteCreated') + ': ' + site.name, true);
  }

  async function loadUsers() {
    const answer = await S.api('GET', '/api/v1/users?page=' + usersPage + '&size=' + PAGE_SIZE);
    users = answer.items;
    pager('users', answer);
    const siteName = (id) => { const s = allSites.find((x) => x.id === id); return s ? s.name : id; };
    const body = $('user-rows');
    body.textContent = '';
    users.forEach((user) => {
      const tr = S.el('tr', { 'data-username': user.username, className: user.active ? '' : 'inactive' });
      tr.appendChild(S.el('td', { className: 'mono' }, user.username));
      tr.appendChild(S.el('td', {}, user.displayName || ''));
      tr.appendChild(S.el('td', {}, user.roles.map(S.t).join(', ')));
      tr.appendChild(S.el('td', {}, (user.siteIds || []).map(siteName).join(', ')));
      tr.appendChild(S.el('td', {}, S.t(user.active ? 'yes' : 'no')));
      const actions = S.el('td');
      if (user.active && user.username !== S.session().username) {
        actions.appendChild(button(S.t('deactivate'), S.t('deactivateOf') + ' ' + user.username, 'danger deactivate',
          () => deactivate(user)));
      }
      tr.appendChild(actions);
      body.appendChild(tr);
    });
  }

  async function deactivate(user) {
    if (!window.confirm(fill(S.t('confirmDeactivate'), { name: user.username }))) { return; }
    await S.api('PATCH', '/api/v1/users/' + encodeURIComponent(user.id), { active: false });
    await loadUsers();
    S.say(S.t('deactivated') + ': ' + user.username, true);
  }

  async function createUser() {
    const roles = Array.from(document.querySelectorAll('input[name="u-roles"]:checked')).map((i) => i.value);
    const siteIds = Array.from($('u-sites').selectedOptions).map((o) => o.value);
    if (!roles.length) { S.say(S.t('needRole')); return; }
    if (roles.indexOf('RECEPTION') >= 0 && !siteIds.length) { S.say(S.t('needSite')); $('u-sites').focus(); return; }
    const user = await S.api('POST', '/api/v1/users', {
      username: $('u-username').value.trim(), password: $('u-password').value,
      displayName: $('u-displayName').value.trim() || null, roles: roles, siteIds: siteIds
    });
    $('user-form').reset();
    await loadUsers();
    S.say(S.t('userCreated') + ': ' + user.username, true);
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('site-form').addEventListener('submit', S.guard(createSite));
    $('user-form').addEventListener('submit', S.guard(createUser));
    $('qr-svg').addEventListener('change', S.guard(() => (shown ? showQr(shown.id) : null)));
    $('qr-poster').addEventListener('click', S.guard(() => poster(shown)));
    $('qr-rotate').addEventListener('click', S.guard(rotate));
    $('qr-close').addEventListener('click', () => { $('qr-panel').hidden = true; shown = null; });
    $('sites-q').addEventListener('input', () => {
      clearTimeout(searchDelay);
      searchDelay = setTimeout(() => { sitesPage = 0; loadSites().catch(S.showProblem); }, 300);
    });
    $('sites-prev').addEventListener('click', S.guard(() => { sitesPage = Math.max(0, sitesPage - 1); return loadSites(); }));
    $('sites-next').addEventListener('click', S.guard(() => { sitesPage += 1; return loadSites(); }));
    $('users-prev').addEventListener('click', S.guard(() => { usersPage = Math.max(0, usersPage - 1); return loadUsers(); }));
    $('users-next').addEventListener('click', S.guard(() => { usersPage += 1; return loadUsers(); }));
  });

  S.onLanguage(() => { if (sites.length) { renderSites(); loadUsers().catch(S.showProblem); } });

  S.start({
    roles: ['ADMIN'],
    onLogin: () => { Promise.all([loadSites(), loadSiteChoices()]).then(loadUsers).catch(S.showProblem); },
    onLogout: () => {
      sites = []; users = []; $('site-rows').textContent = ''; $('user-rows').textContent = ''; $('qr-panel').hidden = true;
      window.KioskDevices.hide();
    }
  });
}());
