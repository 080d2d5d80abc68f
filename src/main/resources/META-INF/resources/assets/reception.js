// Reception: the day's log of one of the receptionist's sites, kept up to date while the tab is visible,
// with occupancy, risky declarations highlighted, staff entry of a visitor without a phone, checkout and CSV,
// and the site's entrance screens (kiosks.js).
(function () {
  'use strict';
  const S = window.Staff;
  const $ = S.$;
  const REFRESH_MS = 4000;
  const PAGE_SIZE = 50;

  S.addTexts({
    vi: {
      title: 'Lễ tân – Sổ khách trong ngày', filtersTitle: 'Chọn địa điểm và lọc', site: 'Địa điểm', date: 'Ngày',
      status: 'Trạng thái', all: 'Tất cả', ON_SITE: 'Đang ở cơ quan', CHECKED_OUT: 'Đã ra về',
      search: 'Tìm (tên, điện thoại, CCCD, đơn vị)', flaggedOnly: 'Chỉ khai báo cần chú ý', occupancyTitle: 'Số khách',
      onSite: 'đang ở cơ quan', checkedInToday: 'lượt vào hôm nay', flaggedToday: 'khai báo cần chú ý',
      logTitle: 'Sổ khách', newVisitor: 'Nhập khách không có điện thoại', downloadCsv: 'Tải CSV',
      colIn: 'Vào', colVisitor: 'Khách', colContact: 'Liên hệ', colPurpose: 'Mục đích / gặp', colDeclaration: 'Khai báo',
      colOut: 'Ra', colAction: 'Thao tác', empty: 'Chưa có khách nào.', prev: 'Trang trước', next: 'Trang sau',
      entryTitle: 'Nhập khách không có điện thoại', fullName: 'Họ và tên', idNumber: 'Số CCCD',
      phoneOptional: 'Số điện thoại (nếu có)', yearOfBirth: 'Năm sinh', organization: 'Đơn vị công tác',
      purpose: 'Mục đích đến', hostName: 'Gặp ai / phòng nào', temperature: 'Nhiệt độ °C',
      symptoms: 'Triệu chứng trong 14 ngày qua', S_FEVER: 'Sốt', S_COUGH: 'Ho', S_SHORTNESS_OF_BREATH: 'Khó thở',
      S_SORE_THROAT: 'Đau họng', S_LOSS_OF_TASTE_OR_SMELL: 'Mất vị giác, khứu giác', S_FATIGUE: 'Mệt mỏi', S_OTHER: 'Khác',
      closeContact: 'Tiếp xúc gần với ca bệnh hoặc người nghi nhiễm', outbreakArea: 'Đã đi qua vùng có dịch',
      consent: 'Khách đồng ý cho cơ quan lưu trữ thông tin để phòng, chống dịch', enter: 'Ghi nhận vào', cancel: 'Hủy',
      checkout: 'Cho ra về', checkoutOf: 'Cho ra về:', checkedOut: 'Đã cho khách ra về', noSites: 'Tài khoản chưa được giao địa điểm nào.',
      updatedAt: 'Cập nhật lúc', paused: 'Tạm dừng cập nhật khi không xem trang.', pageInfo: 'Trang {page}/{pages} – {total} lượt',
      entered: 'Đã ghi nhận khách', needName: 'Vui lòng nhập họ và tên.', needConsent: 'Khách cần đồng ý trước khi ghi nhận.',
      needIdOrPhone: 'Cần số CCCD hoặc số điện thoại để truy vết.', staffEntry: 'nhân viên nhập', auto: 'tự động',
      noDeclarationIssue: 'Bình thường', temp: 'Nhiệt độ', kioskLink: 'Thiết bị màn hình cửa'
    },
    en: {
      title: 'Reception – today\'s visitors', filtersTitle: 'Site and filters', site: 'Site', date: 'Day',
      status: 'Status', all: 'All', ON_SITE: 'On site', CHECKED_OUT: 'Checked out',
      search: 'Search (name, phone, ID, organization)', flaggedOnly: 'Only declarations needing attention',
      occupancyTitle: 'Visitors', onSite: 'on site now', checkedInToday: 'check-ins today', flaggedToday: 'flagged today',
      logTitle: 'Visitor log', newVisitor: 'Enter a visitor without a phone', downloadCsv: 'Download CSV',
      colIn: 'In', colVisitor: 'Visitor', colContact: 'Contact', colPurpose: 'Purpose / host', colDeclaration: 'Declaration',
      colOut: 'Out', colAction: 'Actions', empty: 'No visitors yet.', prev: 'Previous page', next: 'Next page',
      entryTitle: 'Enter a visitor without a phone', fullName: 'Full name', idNumber: 'ID card number',
      phoneOptional: 'Phone number (if any)', yearOfBirth: 'Year of birth', organization: 'Organization',
      purpose: 'Purpose of the visit', hostName: 'Who or which office', temperature: 'Temperature °C',
      symptoms: 'Symptoms in the last 14 days', S_FEVER: 'Fever', S_COUGH: 'Cough', S_SHORTNESS_OF_BREATH: 'Shortness of breath',
      S_SORE_THROAT: 'Sore throat', S_LOSS_OF_TASTE_OR_SMELL: 'Loss of taste or smell', S_FATIGUE: 'Fatigue', S_OTHER: 'Other',
      closeContact: 'Close contact with a confirmed or suspected case', outbreakArea: 'Has been to an outbreak area',
      consent: 'The visitor agrees that the office stores this information for epidemic prevention', enter: 'Check in',
      cancel: 'Cancel', checkout: 'Check out', checkoutOf: 'Check out', checkedOut: 'Checked out',
      noSites: 'This account has no sites assigned.', updatedAt: 'Updated at',
      paused: 'Updates paused while the page is not visible.', pageInfo: 'Page {page}/{pages} – {total} visits',
      entered: 'Visitor entered', needName: 'Please enter the full name.', needConsent: 'The visitor must agree first.',
      needIdOrPhone: 'An ID number or a phone number is needed for tracing.', staffEntry: 'entered by staff',
      auto: 'automatic', noDeclarationIssue: 'Normal', temp: 'Temperature',
      kioskLink: 'Entrance screens'
    }
  });

  let sites = [];
  let page = 0;
  let lastRendered = '';
  let timer = null;
  let searchDelay = null;

  function site() {
    return sites.find((s) => s.id === $('site').value);
  }

  /**
   * The entrance screens of the selected site: the screen itself runs on a device token that staff enrol here,
   * never on a staff login, so this opens the enrolment rather than the screen.
   */
  function toggleKiosks(open) {
    $('kiosk-link').setAttribute('aria-expanded', String(open));
    if (!open) { window.KioskDevices.hide(); return; }
    const current = site();
    if (!current) { return; }
    window.KioskDevices.show(current).then(() => $('kiosks-title').focus()).catch(S.showProblem);
  }

  /** A site change takes the open section along to the new site. */
  function screensFollowTheSite() {
    if (window.KioskDevices.isOpen() && site()) { window.KioskDevices.show(site()).catch(S.showProblem); }
  }

  function query() {
    const params = new URLSearchParams();
    if ($('date').value) { params.set('date', $('date').value); }
    if ($('status').value) { params.set('status', $('status').value); }
    if ($('flagged').checked) { params.set('flagged', 'true'); }
    if ($('q').value.trim()) { params.set('q', $('q').value.trim()); }
    return params;
  }

  async function loadSites() {
    const answer = await S.api('GET', '/api/v1/sites?active=true&size=200');
    sites = answer.items;
    const select = $('site');
    select.textContent = '';
    sites.forEach((s) => select.appendChild(S.el('option', { value: s.id }, s.name + ' (' + s.code + ')')));
    if (!sites.length) { S.say(S.t('noSites')); return; }
    const remembered = sessionStorage.getItem('checkin.reception.site');
    if (remembered && sites.some((s) => s.id === remembered)) { select.value = remembered; }
    $('date').value = S.today(site().timeZone);
    screensFollowTheSite();
    await refresh(true);
    schedule();
  }

  /** Reads the log and the counters; re-renders only when something changed, so focus stays where it is. */
  async function refresh(force) {
    const current = site();
    if (!current) { return; }
    const params = query();
    params.set('page', String(page));
    params.set('size', String(PAGE_SIZE));
    const [log, occupancy] = await Promise.all([
      S.api('GET', '/api/v1/sites/' + encodeURIComponent(current.id) + '/visits?' + params),
      S.api('GET', '/api/v1/sites/' + encodeURIComponent(current.id) + '/occupancy')
    ]);
    ['onSite', 'checkedInToday', 'flaggedToday'].forEach((k) => { $(k).textContent = String(occupancy[k]); });
    const snapshot = JSON.stringify(log) + S.lang();
    if (force || snapshot !== lastRendered) {
      lastRendered = snapshot;
      render(log, current.timeZone);
    }
    $('updated').textContent = S.t('updatedAt') + ' ' + new Date().toLocaleTimeString(S.lang() === 'vi' ? 'vi-VN' : 'en-GB');
  }

  function flagList(visit) {
    const cell = S.el('td');
    const flags = visit.riskFlags || [];
    if (!flags.length) {
      cell.appendChild(S.el('span', { className: 'muted' }, S.t('noDeclarationIssue')));
    }
    const list = S.el('ul', { className: 'flag-list' });
    flags.forEach((f) => list.appendChild(S.el('li', { className: 'flag' }, S.t(f))));
    if (flags.length) { cell.appendChild(list); }
    const d = visit.declaration;
    if (d && d.temperatureC !== null && d.temperatureC !== undefined) {
      cell.appendChild(S.el('div', { className: 'muted' }, S.t('temp') + ' ' + d.temperatureC + ' °C'));
    }
    return cell;
  }

  function row(visit, zone) {
    const v = visit.visitor || {};
    const tr = S.el('tr', { 'data-visit-id': visit.id, className: (visit.riskFlags || []).length ? 'risky' : '' });
    tr.appendChild(S.el('td', {}, S.time(visit.checkedInAt, zone)));
    const who = S.el('td');
    who.appendChild(S.el('div', { className: 'name' }, v.fullName));
    if (v.organization) { who.appendChild(S.el('div', { className: 'muted' }, v.organization)); }
    if (visit.entrySource === 'STAFF') { who.appendChild(S.el('div', { className: 'muted' }, S.t('staffEntry'))); }
    tr.appendChild(who);
    tr.appendChild(S.el('td', {}, [v.phone, v.idNumber].filter(Boolean).join(' · ')));
    tr.appendChild(S.el('td', {}, [visit.purpose, visit.hostName].filter(Boolean).join(' – ')));
    tr.appendChild(flagList(visit));
    const out = S.el('td', {}, visit.checkedOutAt ? S.time(visit.checkedOutAt, zone) : S.t('ON_SITE'));
    if (visit.checkoutSource === 'AUTO') { out.appendChild(S.el('div', { className: 'muted' }, S.t('auto'))); }
    tr.appendChild(out);
    const action = S.el('td');
    if (visit.status === 'ON_SITE') {
      const button = S.el('button', { type: 'button', className: 'secondary checkout',
        'aria-label': S.t('checkoutOf') + ' ' + (v.fullName || '') }, S.t('checkout'));
      button.addEventListener('click', S.guard(() => checkout(visit.id, button)));
      action.appendChild(button);
    }
    tr.appendChild(action);
    return tr;
  }

  function render(log, zone) {
    const body = $('rows');
    body.textContent = '';
    log.items.forEach((visit) => body.appendChild(row(visit, zone)));
    $('empty').hidden = log.items.length > 0;
    const pages = Math.max(1, Math.ceil(log.total / log.size));
    $('page-info').textContent = S.t('pageInfo').replace('{page}', String(log.page + 1))
      .replace('{pages}', String(pages)).replace('{total}', String(log.total));
    $('prev').disabled = log.page === 0;
    $('next').disabled = log.page + 1 >= pages;
  }

  async function checkout(visitId, button) {
    button.disabled = true;
    try {
      await S.api('POST', '/api/v1/visits/' + encodeURIComponent(visitId) + '/checkout');
      S.say(S.t('checkedOut'), true);
      await refresh(true);
    } finally {
      button.disabled = false;
    }
  }

  function entryBody() {
    const text = (id) => { const value = $(id).value.trim(); return value || null; };
    const temperature = text('e-temperatureC');
    return {
      visitor: {
        fullName: text('e-fullName'), phone: text('e-phone'), idNumber: text('e-idNumber'),
        yearOfBirth: text('e-yearOfBirth') ? Number(text('e-yearOfBirth')) : null, organization: text('e-organization')
      },
      purpose: text('e-purpose'),
      hostName: text('e-hostName'),
      declaration: {
        temperatureC: temperature ? Number(temperature.replace(',', '.')) : null,
        symptoms: Array.from(document.querySelectorAll('input[name="e-symptoms"]:checked')).map((i) => i.value),
        closeContactWithCase: $('e-closeContact').checked,
        visitedOutbreakArea: $('e-outbreakArea').checked
      },
      consent: $('e-consent').checked
    };
  }

  async function enter() {
    const body = entryBody();
    if (!body.visitor.fullName) { S.say(S.t('needName')); $('e-fullName').focus(); return; }
    if (!body.visitor.idNumber && !body.visitor.phone) { S.say(S.t('needIdOrPhone')); $('e-idNumber').focus(); return; }
    if (!body.consent) { S.say(S.t('needConsent')); $('e-consent').focus(); return; }
    const visit = await S.api('POST', '/api/v1/sites/' + encodeURIComponent(site().id) + '/visits', body);
    S.say(S.t('entered') + ': ' + visit.visitor.fullName, true);
    $('entry').reset();
    toggleEntry(false);
    await refresh(true);
  }

  function toggleEntry(open) {
    $('entry').hidden = !open;
    $('show-entry').setAttribute('aria-expanded', String(open));
    if (open) { $('e-fullName').focus(); } else { $('show-entry').focus(); }
  }

  function schedule() {
    clearInterval(timer);
    timer = setInterval(() => {
      if (document.hidden) { return; }
      refresh(false).catch(S.showProblem);
    }, REFRESH_MS);
  }

  function filtersChanged() {
    page = 0;
    refresh(true).catch(S.showProblem);
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('site').addEventListener('change', () => {
      sessionStorage.setItem('checkin.reception.site', $('site').value);
      $('date').value = S.today(site().timeZone);
      screensFollowTheSite();
      filtersChanged();
    });
    ['date', 'status', 'flagged'].forEach((id) => $(id).addEventListener('change', filtersChanged));
    $('q').addEventListener('input', () => {
      clearTimeout(searchDelay);
      searchDelay = setTimeout(filtersChanged, 300);
    });
    $('prev').addEventListener('click', () => { page = Math.max(0, page - 1); refresh(true).catch(S.showProblem); });
    $('next').addEventListener('click', () => { page += 1; refresh(true).catch(S.showProblem); });
    $('show-entry').addEventListener('click', () => toggleEntry($('entry').hidden));
    $('kiosk-link').addEventListener('click', () => toggleKiosks(!window.KioskDevices.isOpen()));
    window.KioskDevices.onClose(() => { $('kiosk-link').setAttribute('aria-expanded', 'false'); $('kiosk-link').focus(); });
    $('e-cancel').addEventListener('click', () => toggleEntry(false));
    $('entry').addEventListener('submit', S.guard(enter));
    $('csv').addEventListener('click', S.guard(() => S.download(
      '/api/v1/sites/' + encodeURIComponent(site().id) + '/visits?' + query(), 'text/csv', 'visits.csv')));
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden && timer) { refresh(false).catch(S.showProblem); }
      if (document.hidden && timer) { $('updated').textContent = S.t('paused'); }
    });
  });

  S.onLanguage(() => { if (timer) { refresh(true).catch(() => {}); } });

  S.start({
    roles: ['RECEPTION', 'ADMIN'],
    onLogin: () => { loadSites().catch(S.showProblem); },
    onLogout: () => {
      clearInterval(timer); timer = null; $('rows').textContent = ''; lastRendered = '';
      window.KioskDevices.hide();
      $('kiosk-link').setAttribute('aria-expanded', 'false');
    }
  });
}());
