// Entrance screens (kiosk devices) of one site, for reception and administrators: enrol a screen (its token and
// the ready link are shown this once), the site's screens with when each was last seen, revoke one. The page gives
// an empty <section id="kiosks" hidden> and calls KioskDevices.show(site) / hide(); this builds what is inside.
(function () {
  'use strict';
  const S = window.Staff;
  const $ = S.$;
  const LIST_SIZE = 50;
  const RELOAD_MS = 60000;
  /** A screen asks for a code about twice a minute and is noted at most once a minute: quieter than this is off. */
  const RUNNING_WITHIN_MS = 3 * 60000;

  S.addTexts({
    vi: {
      kiosksTitle: 'Thiết bị màn hình cửa', kiosksClose: 'Đóng',
      kiosksIntro: 'Màn hình QR ở cửa chạy bằng mã thiết bị riêng, không cần tài khoản nhân viên và không hết hạn. '
        + 'Đăng ký một lần cho mỗi màn hình rồi mở đường dẫn nhận được trên màn hình đó. Thu hồi khi thiết bị bị mất, '
        + 'thay thế hoặc đường dẫn bị lộ.',
      kioskName: 'Tên thiết bị (ví dụ: Cổng chính, Sảnh tầng 1)', kioskEnrol: 'Đăng ký thiết bị',
      kioskNeedName: 'Vui lòng nhập tên thiết bị.', kioskEnrolled: 'Đã đăng ký thiết bị:',
      kioskOnce: 'Mã và đường dẫn này chỉ hiện một lần, sau khi đóng sẽ không xem lại được. Hãy mở đường dẫn trên '
        + 'màn hình ở cửa ngay, hoặc sao chép và gửi cho người lắp màn hình qua kênh an toàn. Ai có đường dẫn đều hiện '
        + 'được mã QR của địa điểm: nếu bị lộ, hãy thu hồi thiết bị.',
      kioskLinkLabel: 'Đường dẫn để mở trên màn hình ở cửa', kioskTokenLabel: 'Mã thiết bị (nếu màn hình hỏi mã)',
      kioskCopyLink: 'Sao chép đường dẫn', kioskCopyToken: 'Sao chép mã', kioskOpenHere: 'Mở màn hình trên máy này',
      kioskDone: 'Xong, ẩn mã', kioskCopied: 'Đã sao chép.', kioskCopyFailed: 'Không sao chép được: mục đã được chọn, '
        + 'hãy nhấn Ctrl+C (hoặc giữ để sao chép trên điện thoại).',
      kioskColName: 'Tên', kioskColEnrolled: 'Đăng ký', kioskColSeen: 'Hoạt động lần cuối', kioskColStatus: 'Trạng thái',
      kioskColAction: 'Thao tác', kioskNone: 'Chưa đăng ký thiết bị nào cho địa điểm này.',
      kioskRunning: 'Đang hoạt động', kioskIdle: 'Không hoạt động', kioskNever: 'Chưa mở trên màn hình nào',
      kioskRevokedState: 'Đã thu hồi', kioskRevoke: 'Thu hồi', kioskRevokeOf: 'Thu hồi thiết bị',
      kioskConfirmRevoke: 'Thu hồi thiết bị “{name}”? Màn hình đó sẽ ngừng hiện mã QR ngay lần đổi mã tiếp theo và '
        + 'phải được đăng ký lại.',
      kioskRevoked: 'Đã thu hồi thiết bị:', kioskBy: 'bởi', kioskMore: 'Hiện {shown} trên {total} thiết bị, mới nhất trước.'
    },
    en: {
      kiosksTitle: 'Entrance screens', kiosksClose: 'Close',
      kiosksIntro: 'The QR screen at the entrance runs on its own kiosk token: no staff account, and it does not '
        + 'expire. Enrol each screen once, then open the link you get on that screen. Revoke it when the device is '
        + 'lost, replaced or the link was shared.',
      kioskName: 'Device name (e.g. Main gate, Ground floor lobby)', kioskEnrol: 'Enrol device',
      kioskNeedName: 'Please enter a name for the device.', kioskEnrolled: 'Device enrolled:',
      kioskOnce: 'This token and link are shown only once and cannot be seen again once closed. Open the link on '
        + 'the entrance screen now, or copy it and send it to whoever sets up the screen over a safe channel. Anyone '
        + 'with the link can show this site\'s QR code: if it leaks, revoke the device.',
      kioskLinkLabel: 'Link to open on the entrance screen', kioskTokenLabel: 'Kiosk token (if the screen asks for it)',
      kioskCopyLink: 'Copy link', kioskCopyToken: 'Copy token', kioskOpenHere: 'Open the screen on this computer',
      kioskDone: 'Done, hide the token', kioskCopied: 'Copied.', kioskCopyFailed: 'Could not copy: the text is '
        + 'selected, press Ctrl+C (or long-press to copy on a phone).',
      kioskColName: 'Name', kioskColEnrolled: 'Enrolled', kioskColSeen: 'Last seen', kioskColStatus: 'Status',
      kioskColAction: 'Actions', kioskNone: 'No device enrolled for this site yet.',
      kioskRunning: 'Running', kioskIdle: 'Not running', kioskNever: 'Not opened on a screen yet',
      kioskRevokedState: 'Revoked', kioskRevoke: 'Revoke', kioskRevokeOf: 'Revoke the device',
      kioskConfirmRevoke: 'Revoke the device “{name}”? That screen stops showing the QR code at its next renewal '
        + 'and has to be enrolled again.',
      kioskRevoked: 'Device revoked:', kioskBy: 'by', kioskMore: 'Showing {shown} of {total} devices, newest first.'
    }
  });

  let section = null;
  let site = null;
  let kiosks = [];
  let total = 0;
  let reloadTimer = null;

  /** A status line in the page's language (said again in the other one when the language is switched). */
  function setStatus(id, key, suffix) {
    const line = $(id);
    line.dataset.key = key || '';
    line.dataset.suffix = suffix || '';
    line.textContent = key ? S.t(key) + (suffix ? ' ' + suffix : '') : '';
  }

  function sayStatusesAgain() {
    ['kiosk-status', 'kiosk-copied', 'kiosk-name-error'].forEach((id) => {
      const line = $(id);
      if (line && line.dataset.key) { setStatus(id, line.dataset.key, line.dataset.suffix); }
    });
  }

  const text = (key, attrs) => S.el('span', Object.assign({ 'data-i18n': key }, attrs || {}), S.t(key));

  function labelled(id, key, input) {
    const box = S.el('div');
    const label = S.el('label', { for: id });
    label.appendChild(text(key));
    box.appendChild(label);
    box.appendChild(input);
    return box;
  }

  function button(id, key, className, action) {
    const b = S.el('button', { type: 'button', id: id, className: className });
    b.appendChild(text(key));
    b.addEventListener('click', S.guard(action));
    return b;
  }

  /** The section's content, built once: heading, enrol form, the panel for a new token, the list. */
  function build() {
    section = $('kiosks');
    section.setAttribute('aria-labelledby', 'kiosks-title');
    const head = S.el('div', { className: 'section-head' });
    const title = S.el('h2', { id: 'kiosks-title', tabindex: '-1' });
    title.appendChild(text('kiosksTitle'));
    title.appendChild(S.el('span', { id: 'kiosks-site' }));
    head.appendChild(title);
    head.appendChild(button('kiosks-close', 'kiosksClose', 'secondary', () => hide(true)));
    section.appendChild(head);
    section.appendChild(S.el('p', { className: 'muted', 'data-i18n': 'kiosksIntro' }, S.t('kiosksIntro')));

    const form = S.el('form', { id: 'kiosk-form', className: 'inline-form', novalidate: true });
    const row = S.el('div', { className: 'inline-row' });
    row.appendChild(S.el('input', { id: 'kiosk-name', required: true, maxlength: '80', autocomplete: 'off' }));
    const submit = S.el('button', { type: 'submit', id: 'kiosk-enrol', className: 'primary' });
    submit.appendChild(text('kioskEnrol'));
    row.appendChild(submit);
    const label = S.el('label', { for: 'kiosk-name' });
    label.appendChild(text('kioskName'));
    form.appendChild(label);
    form.appendChild(row);
    form.appendChild(S.el('p', { id: 'kiosk-name-error', className: 'error', 'aria-live': 'polite' }));
    form.addEventListener('submit', S.guard(enrol));
    section.appendChild(form);

    section.appendChild(enrolledPanel());
    section.appendChild(S.el('p', { id: 'kiosk-status', className: 'muted', 'aria-live': 'polite' }));

    const wrap = S.el('div', { className: 'table-wrap' });
    const table = S.el('table', { id: 'kiosk-list', className: 'kiosk-list' });
    const header = S.el('tr');
    ['kioskColName', 'kioskColEnrolled', 'kioskColSeen', 'kioskColStatus'].forEach((key) => {
      const th = S.el('th', { scope: 'col' });
      th.appendChild(text(key));
      header.appendChild(th);
    });
    const actionHead = S.el('th', { scope: 'col' });
    actionHead.appendChild(text('kioskColAction', { className: 'visually-hidden' }));
    header.appendChild(actionHead);
    const thead = S.el('thead');
    thead.appendChild(header);
    table.appendChild(thead);
    table.appendChild(S.el('tbody', { id: 'kiosk-rows' }));
    wrap.appendChild(table);
    section.appendChild(wrap);
    section.appendChild(S.el('p', { id: 'kiosk-empty', className: 'muted', 'data-i18n': 'kioskNone', hidden: true },
      S.t('kioskNone')));
    section.appendChild(S.el('p', { id: 'kiosk-more', className: 'muted', hidden: true }));
  }

  /** Where a new device's token and link are shown, once, with copy buttons and the warning that goes with them. */
  function enrolledPanel() {
    const panel = S.el('div', { id: 'kiosk-enrolled', className: 'enrolled', hidden: true });
    const title = S.el('h3', { id: 'kiosk-enrolled-title', tabindex: '-1' });
    title.appendChild(text('kioskEnrolled'));
    title.appendChild(S.el('span', { id: 'kiosk-enrolled-name' }));
    panel.appendChild(title);
    panel.appendChild(S.el('p', { className: 'warning', 'data-i18n': 'kioskOnce' }, S.t('kioskOnce')));
    panel.appendChild(labelled('kiosk-enrolled-link', 'kioskLinkLabel',
      S.el('input', { id: 'kiosk-enrolled-link', readonly: true, className: 'mono', spellcheck: 'false' })));
    const linkActions = S.el('div', { className: 'actions' });
    linkActions.appendChild(button('kiosk-copy-link', 'kioskCopyLink', 'primary', () => copy('kiosk-enrolled-link')));
    const open = S.el('a', { id: 'kiosk-open', className: 'secondary', target: '_blank', rel: 'noopener', href: '#' });
    open.appendChild(text('kioskOpenHere'));
    linkActions.appendChild(open);
    panel.appendChild(linkActions);
    panel.appendChild(labelled('kiosk-enrolled-token', 'kioskTokenLabel',
      S.el('input', { id: 'kiosk-enrolled-token', readonly: true, className: 'mono', spellcheck: 'false' })));
    const tokenActions = S.el('div', { className: 'actions' });
    tokenActions.appendChild(button('kiosk-copy-token', 'kioskCopyToken', 'secondary', () => copy('kiosk-enrolled-token')));
    tokenActions.appendChild(button('kiosk-done', 'kioskDone', 'secondary', forgetEnrolled));
    panel.appendChild(tokenActions);
    panel.appendChild(S.el('p', { id: 'kiosk-copied', className: 'muted', 'aria-live': 'polite' }));
    return panel;
  }

  /** Opens the section for a site ({id, name, timeZone}) and lists its devices. */
  async function show(forSite) {
    if (!section) { build(); }
    if (!site || site.id !== forSite.id) {
      forgetEnrolled();
      setStatus('kiosk-status');
      setStatus('kiosk-name-error');
      $('kiosk-rows').textContent = '';
      $('kiosk-name').value = '';
    }
    site = forSite;
    $('kiosks-site').textContent = ' – ' + site.name;
    section.hidden = false;
    clearInterval(reloadTimer);
    reloadTimer = setInterval(() => { if (!document.hidden) { reload().catch(() => {}); } }, RELOAD_MS);
    await reload();
  }

  /** Closes the section; a token still on screen is dropped with it (it was shown once). */
  function hide(byUser) {
    clearInterval(reloadTimer);
    reloadTimer = null;
    if (!section) { return; }
    forgetEnrolled();
    section.hidden = true;
    site = null;
    kiosks = [];
    if (byUser && onClose) { onClose(); }
  }

  let onClose = null;

  async function reload() {
    if (!site) { return; }
    const forSite = site;
    const answer = await S.api('GET', '/api/v1/sites/' + encodeURIComponent(forSite.id) + '/kiosks?page=0&size=' + LIST_SIZE);
    if (!site || site.id !== forSite.id) { return; }
    kiosks = answer.items;
    total = answer.total;
    render();
  }

  function render() {
    const body = $('kiosk-rows');
    body.textContent = '';
    kiosks.forEach((kiosk) => body.appendChild(row(kiosk)));
    $('kiosk-empty').hidden = kiosks.length > 0;
    $('kiosk-list').hidden = kiosks.length === 0;
    $('kiosk-more').hidden = total <= kiosks.length;
    $('kiosk-more').textContent = S.t('kioskMore').replace('{shown}', String(kiosks.length)).replace('{total}', String(total));
  }

  function status(kiosk) {
    if (kiosk.revokedAt) { return { key: 'kioskRevokedState', className: 'state revoked' }; }
    if (!kiosk.lastSeenAt) { return { key: 'kioskNever', className: 'state never' }; }
    const running = Date.now() - Date.parse(kiosk.lastSeenAt) < RUNNING_WITHIN_MS;
    return running ? { key: 'kioskRunning', className: 'state running' } : { key: 'kioskIdle', className: 'state idle' };
  }

  function row(kiosk) {
    const zone = site.timeZone;
    const tr = S.el('tr', { 'data-kiosk-id': kiosk.id, className: kiosk.revokedAt ? 'inactive' : '' });
    tr.appendChild(S.el('td', { className: 'name', 'data-label': S.t('kioskColName') }, kiosk.name));
    const enrolled = S.el('td', { 'data-label': S.t('kioskColEnrolled') }, S.dateTime(kiosk.createdAt, zone));
    enrolled.appendChild(S.el('div', { className: 'muted' }, S.t('kioskBy') + ' ' + kiosk.createdBy));
    tr.appendChild(enrolled);
    tr.appendChild(S.el('td', { 'data-label': S.t('kioskColSeen') }, kiosk.lastSeenAt ? S.dateTime(kiosk.lastSeenAt, zone) : '–'));
    const state = status(kiosk);
    const cell = S.el('td', { 'data-label': S.t('kioskColStatus') });
    cell.appendChild(S.el('span', { className: state.className }, S.t(state.key)));
    if (kiosk.revokedAt) {
      cell.appendChild(S.el('div', { className: 'muted' },
        S.dateTime(kiosk.revokedAt, zone) + (kiosk.revokedBy ? ' ' + S.t('kioskBy') + ' ' + kiosk.revokedBy : '')));
    }
    tr.appendChild(cell);
    const action = S.el('td', { className: 'row-action' });
    if (!kiosk.revokedAt) {
      const revokeButton = S.el('button', { type: 'button', className: 'danger revoke',
        'aria-label': S.t('kioskRevokeOf') + ' ' + kiosk.name }, S.t('kioskRevoke'));
      revokeButton.addEventListener('click', S.guard(() => revoke(kiosk, revokeButton)));
      action.appendChild(revokeButton);
    }
    tr.appendChild(action);
    return tr;
  }

  async function enrol() {
    const name = $('kiosk-name').value.trim();
    setStatus('kiosk-name-error');
    $('kiosk-name').removeAttribute('aria-invalid');
    if (!name) {
      setStatus('kiosk-name-error', 'kioskNeedName');
      $('kiosk-name').setAttribute('aria-invalid', 'true');
      $('kiosk-name').focus();
      return;
    }
    $('kiosk-enrol').disabled = true;
    try {
      const device = await S.api('POST', '/api/v1/sites/' + encodeURIComponent(site.id) + '/kiosks', { name: name });
      $('kiosk-name').value = '';
      setStatus('kiosk-status');
      showEnrolled(device);
      await reload();
    } finally {
      $('kiosk-enrol').disabled = false;
    }
  }

  function showEnrolled(device) {
    const link = window.location.origin + '/reception/kiosk?site=' + encodeURIComponent(device.siteId)
      + '#kiosk=' + encodeURIComponent(device.kioskToken);
    $('kiosk-enrolled-name').textContent = ' ' + device.name;
    $('kiosk-enrolled-link').value = link;
    $('kiosk-enrolled-token').value = device.kioskToken;
    $('kiosk-open').href = link;
    setStatus('kiosk-copied');
    $('kiosk-enrolled').hidden = false;
    $('kiosk-enrolled-title').focus();
  }

  function forgetEnrolled() {
    if (!section) { return; }
    $('kiosk-enrolled').hidden = true;
    $('kiosk-enrolled-link').value = '';
    $('kiosk-enrolled-token').value = '';
    $('kiosk-open').href = '#';
    setStatus('kiosk-copied');
  }

  /**
   * Copies a field. The Clipboard API exists only on https or localhost; an office server reached over plain http
   * falls back to the older copy command, and when that fails too the text is left selected to copy by hand.
   */
  async function copy(id) {
    const field = $(id);
    field.focus();
    field.select();
    let copied = false;
    if (navigator.clipboard && window.isSecureContext) {
      try { await navigator.clipboard.writeText(field.value); copied = true; } catch (e) { copied = false; }
    }
    if (!copied) {
      try { copied = document.execCommand('copy'); } catch (e) { copied = false; }
    }
    setStatus('kiosk-copied', copied ? 'kioskCopied' : 'kioskCopyFailed');
  }

  async function revoke(kiosk, revokeButton) {
    if (!window.confirm(S.t('kioskConfirmRevoke').replace('{name}', kiosk.name))) { return; }
    revokeButton.disabled = true;
    try {
      await S.api('DELETE', '/api/v1/sites/' + encodeURIComponent(site.id) + '/kiosks/' + encodeURIComponent(kiosk.id));
      setStatus('kiosk-status', 'kioskRevoked', kiosk.name);
      await reload();
    } finally {
      revokeButton.disabled = false;
    }
  }

  S.onLanguage(() => { if (site) { render(); sayStatusesAgain(); } });

  window.KioskDevices = {
    show: show,
    hide: hide,
    /** Called when the user closes the section with its own button (the page can update its toggle). */
    onClose: (listener) => { onClose = listener; },
    isOpen: () => !!site
  };
}());
