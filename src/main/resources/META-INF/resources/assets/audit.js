// The audit trail for people: who read, exported or changed what, newest first, filtered by actor (administrators),
// action, target and a period of days in this computer's time. Tracing officers see their own entries only.
(function () {
  'use strict';
  const S = window.Staff;
  const $ = S.$;
  const PAGE_SIZE = 50;

  /** Every AuditAction of the service, in the order of the select. */
  const ACTIONS = ['TRACING_QUERY', 'TRACING_VIEW', 'TRACING_EXPORT', 'RECEPTION_LOG_VIEW', 'RECEPTION_LOG_CSV',
    'VISIT_VIEW', 'REPORT_VIEW', 'REPORT_DECLARATIONS', 'SITE_CREATE', 'SITE_UPDATE', 'QR_ROTATE', 'USER_CREATE',
    'USER_UPDATE', 'KIOSK_ENROL', 'KIOSK_REVOKE', 'RETENTION_PURGE'];

  /** What kind of thing an action's target is. */
  const TARGET_KIND = {
    TRACING_QUERY: 'query', TRACING_VIEW: 'query', TRACING_EXPORT: 'query', RECEPTION_LOG_VIEW: 'site',
    RECEPTION_LOG_CSV: 'site', VISIT_VIEW: 'visit', SITE_CREATE: 'site', SITE_UPDATE: 'site', QR_ROTATE: 'site',
    USER_CREATE: 'user', USER_UPDATE: 'user', REPORT_VIEW: 'report', REPORT_DECLARATIONS: 'report',
    KIOSK_ENROL: 'kiosk', KIOSK_REVOKE: 'kiosk'
  };

  S.addTexts({
    vi: {
      title: 'Nhật ký truy cập dữ liệu', toTracing: 'Truy vết', toAdmin: 'Quản trị',
      filtersTitle: 'Tìm trong nhật ký', ownOnly: 'Bạn xem được các hoạt động của chính mình.',
      actor: 'Người thực hiện (tên đăng nhập)', action: 'Hoạt động', allActions: 'Tất cả hoạt động',
      target: 'Đối tượng (mã địa điểm, truy vấn, tài khoản…)', from: 'Từ ngày', to: 'Đến hết ngày',
      apply: 'Lọc', clear: 'Bỏ lọc', entriesTitle: 'Các hoạt động, mới nhất trước', colAt: 'Thời gian',
      colActor: 'Người thực hiện', colAction: 'Hoạt động', colTarget: 'Đối tượng', colDetail: 'Chi tiết',
      empty: 'Không có hoạt động nào khớp bộ lọc.', prev: 'Trang trước', next: 'Trang sau',
      pageInfo: 'Trang {page}/{pages}', count: '{total} hoạt động', countOne: '1 hoạt động', fromAfterTo: 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.',
      filterTarget: 'Chỉ xem đối tượng này',
      targetHint: 'Bấm vào mã của một đối tượng để chỉ xem các hoạt động về nó.', system: 'hệ thống (tác vụ tự động)',
      kind_site: 'Địa điểm', kind_query: 'Truy vấn truy vết', kind_visit: 'Lượt vào', kind_user: 'Tài khoản',
      kind_report: 'Báo cáo', kind_kiosk: 'Màn hình cửa',
      KIOSK_ENROL: 'Đăng ký màn hình cửa', KIOSK_REVOKE: 'Thu hồi màn hình cửa',
      TRACING_QUERY: 'Chạy truy vết', TRACING_VIEW: 'Xem kết quả truy vết', TRACING_EXPORT: 'Xuất danh sách truy vết',
      RECEPTION_LOG_VIEW: 'Xem sổ khách', RECEPTION_LOG_CSV: 'Tải sổ khách (CSV)', VISIT_VIEW: 'Xem một lượt vào',
      REPORT_VIEW: 'Xem báo cáo', REPORT_DECLARATIONS: 'Xem danh sách khai báo', SITE_CREATE: 'Tạo địa điểm',
      SITE_UPDATE: 'Sửa địa điểm', QR_ROTATE: 'Đổi mã QR', USER_CREATE: 'Tạo tài khoản', USER_UPDATE: 'Sửa tài khoản',
      RETENTION_PURGE: 'Xóa dữ liệu hết hạn lưu'
    },
    en: {
      title: 'Audit trail', toTracing: 'Tracing', toAdmin: 'Administration',
      filtersTitle: 'Search the audit trail', ownOnly: 'You can see your own entries.',
      actor: 'Who (username)', action: 'Action', allActions: 'All actions',
      target: 'Target (id of a site, query, account…)', from: 'From day', to: 'Until the end of day',
      apply: 'Filter', clear: 'Clear filters', entriesTitle: 'Entries, newest first', colAt: 'Time',
      colActor: 'Who', colAction: 'Action', colTarget: 'Target', colDetail: 'Detail',
      empty: 'No entries match these filters.', prev: 'Previous page', next: 'Next page',
      pageInfo: 'Page {page}/{pages}', count: '{total} entries', countOne: '1 entry', fromAfterTo: 'The first day must not be after the last day.',
      filterTarget: 'Only this target',
      targetHint: 'Click or tap the id of a target to see only the entries about it.', system: 'system (scheduled job)',
      kind_site: 'Site', kind_query: 'Tracing query', kind_visit: 'Visit', kind_user: 'Account', kind_report: 'Report',
      kind_kiosk: 'Entrance screen', KIOSK_ENROL: 'Entrance screen enrolled', KIOSK_REVOKE: 'Entrance screen revoked',
      TRACING_QUERY: 'Tracing query run', TRACING_VIEW: 'Tracing result viewed', TRACING_EXPORT: 'Contact list exported',
      RECEPTION_LOG_VIEW: 'Visitor log viewed', RECEPTION_LOG_CSV: 'Visitor log downloaded (CSV)', VISIT_VIEW: 'Visit viewed',
      REPORT_VIEW: 'Report viewed', REPORT_DECLARATIONS: 'Declaration list viewed', SITE_CREATE: 'Site created',
      SITE_UPDATE: 'Site changed', QR_ROTATE: 'QR code rotated', USER_CREATE: 'Account created', USER_UPDATE: 'Account changed',
      RETENTION_PURGE: 'Expired data deleted'
    }
  });

  let page = 0;
  let last = null;
  /** Answers shown so far, on the table as data-loaded: a test waits for the answer to its filters. */
  let shown = 0;
  let admin = false;
  /** Names of targets this user may look up: sites (everyone here), accounts (administrators). */
  const names = {};

  function fill(template, values) {
    return Object.keys(values).reduce((text, key) => text.split('{' + key + '}').join(String(values[key])), template);
  }

  function fillActions() {
    const select = $('action');
    const chosen = select.value;
    select.textContent = '';
    select.appendChild(S.el('option', { value: '' }, S.t('allActions')));
    ACTIONS.forEach((a) => select.appendChild(S.el('option', { value: a }, S.t(a))));
    select.value = chosen;
  }

  /** Midnight at the start of a YYYY-MM-DD day in this computer's time zone, plus some days, as an instant. */
  function startOfDay(day, plusDays) {
    const [y, m, d] = day.split('-').map(Number);
    return new Date(y, m - 1, d + plusDays).toISOString();
  }

  function params() {
    const query = new URLSearchParams();
    const value = (id) => $(id).value.trim();
    if (admin && value('actor')) { query.set('actor', value('actor')); }
    if (value('action')) { query.set('action', value('action')); }
    if (value('target')) { query.set('target', value('target')); }
    if (value('from')) { query.set('from', startOfDay(value('from'), 0)); }
    if (value('to')) { query.set('to', startOfDay(value('to'), 1)); }
    return query;
  }

  /** The filters in the address bar, so a view can be reloaded or sent to a colleague. */
  function keepInAddress() {
    const shown = new URLSearchParams();
    ['actor', 'action', 'target', 'from', 'to'].forEach((id) => {
      if ($(id).value.trim() && (id !== 'actor' || admin)) { shown.set(id, $(id).value.trim()); }
    });
    const text = shown.toString();
    history.replaceState(null, '', location.pathname + (text ? '?' + text : ''));
  }

  function readAddress() {
    const shown = new URLSearchParams(location.search);
    ['actor', 'action', 'target', 'from', 'to'].forEach((id) => { if (shown.get(id)) { $(id).value = shown.get(id); } });
  }

  async function load() {
    if ($('from').value && $('to').value && $('from').value > $('to').value) {
      S.say(S.t('fromAfterTo'));
      $('from').focus();
      return;
    }
    const query = params();
    query.set('page', String(page));
    query.set('size', String(PAGE_SIZE));
    last = await S.api('GET', '/api/v1/audit?' + query);
    S.say('');
    render();
  }

  function targetCell(entry) {
    const cell = S.el('td', { 'data-label': S.t('colTarget') });
    if (!entry.target) { return cell; }
    const kind = TARGET_KIND[entry.action];
    const name = names[entry.target];
    if (kind) { cell.appendChild(S.el('div', { className: 'muted' }, S.t('kind_' + kind) + (name ? ':' : ''))); }
    if (name) { cell.appendChild(S.el('div', { className: 'name' }, name)); }
    const button = S.el('button', { type: 'button', className: 'plain mono', title: S.t('filterTarget'),
      'aria-label': S.t('filterTarget') + ': ' + entry.target }, entry.target);
    button.addEventListener('click', S.guard(() => {
      $('target').value = entry.target;
      page = 0;
      keepInAddress();
      return load();
    }));
    cell.appendChild(button);
    return cell;
  }

  function row(entry) {
    const tr = S.el('tr', { 'data-action': entry.action, 'data-id': entry.id });
    const at = new Date(entry.at).toLocaleString(S.lang() === 'vi' ? 'vi-VN' : 'en-GB', {
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit'
    });
    tr.appendChild(S.el('td', { className: 'nowrap at' }, at));
    tr.appendChild(S.el('td', { className: 'actor' }, entry.actor === 'system' ? S.t('system') : entry.actor));
    tr.appendChild(S.el('td', { className: 'name what' }, S.t(entry.action)));
    tr.appendChild(targetCell(entry));
    tr.appendChild(S.el('td', { 'data-label': S.t('colDetail'), className: 'detail-text' }, entry.detail || ''));
    return tr;
  }

  function render() {
    const body = $('rows');
    body.textContent = '';
    last.items.forEach((entry) => body.appendChild(row(entry)));
    $('empty').hidden = last.items.length > 0;
    const pages = Math.max(1, Math.ceil(last.total / last.size));
    $('count').textContent = last.total === 1 ? S.t('countOne') : fill(S.t('count'), { total: last.total });
    $('page-info').textContent = fill(S.t('pageInfo'), { page: last.page + 1, pages: pages });
    $('prev').disabled = last.page === 0;
    $('next').disabled = last.page + 1 >= pages;
    shown += 1;
    body.dataset.loaded = String(shown);
  }

  /** Names for the ids in the target column; a page works without them. */
  async function loadNames() {
    const sites = await S.api('GET', '/api/v1/sites?size=200');
    sites.items.forEach((s) => { names[s.id] = s.name + ' (' + s.code + ')'; });
    if (admin) {
      const users = await S.api('GET', '/api/v1/users?size=200');
      users.items.forEach((u) => { names[u.id] = u.username; });
    }
  }

  async function enter(current) {
    admin = current.roles.indexOf('ADMIN') >= 0;
    $('actor-field').hidden = !admin;
    $('own-only').hidden = admin;
    $('to-admin').hidden = !admin;
    $('to-tracing').hidden = false;
    readAddress();
    await Promise.all([loadNames().catch(() => {}), load()]);
    if (last) { render(); }
  }

  document.addEventListener('DOMContentLoaded', () => {
    fillActions();
    $('filters').addEventListener('submit', S.guard(() => { page = 0; keepInAddress(); return load(); }));
    $('clear').addEventListener('click', S.guard(() => {
      ['actor', 'action', 'target', 'from', 'to'].forEach((id) => { $(id).value = ''; });
      page = 0;
      keepInAddress();
      return load();
    }));
    $('prev').addEventListener('click', S.guard(() => { page = Math.max(0, page - 1); return load(); }));
    $('next').addEventListener('click', S.guard(() => { page += 1; return load(); }));
  });

  S.onLanguage(() => { fillActions(); if (last) { render(); } });

  S.start({
    roles: ['ADMIN', 'TRACER'],
    onLogin: (current) => { enter(current).catch(S.showProblem); },
    onLogout: () => {
      last = null;
      $('rows').textContent = '';
      $('to-admin').hidden = true;
      $('to-tracing').hidden = true;
    }
  });
}());
