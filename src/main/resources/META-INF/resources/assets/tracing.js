// Tracing officers: ask who was on site with a case, see F1 then F2 with why each person is listed, export the list.
(function () {
  'use strict';
  const S = window.Staff;
  const $ = S.$;

  S.addTexts({
    vi: {
      title: 'Truy vết tiếp xúc', queryTitle: 'Tìm người tiếp xúc với ca bệnh', caseKind: 'Xác định ca bệnh theo',
      byPhone: 'Số điện thoại', byIdNumber: 'Số CCCD', byVisitId: 'Mã lượt vào',
      caseValue: 'Số điện thoại, số CCCD hoặc mã lượt vào của ca bệnh', from: 'Từ (giờ máy tính này)',
      to: 'Đến (giờ máy tính này)', minOverlap: 'Thời gian ở chung tối thiểu (phút)',
      buffer: 'Tính thêm sau khi ca bệnh rời đi (phút)', depth: 'Mức truy vết', depth1: 'F1', depth2: 'F1 và F2',
      reason: 'Lý do / số hiệu ca bệnh (được ghi vào nhật ký)', run: 'Truy vết', resultTitle: 'Kết quả',
      export: 'Xuất danh sách:', caseVisits: 'Các lượt vào của ca bệnh', contacts: 'Người tiếp xúc',
      colSite: 'Địa điểm', colVisitor: 'Người', colIn: 'Vào', colOut: 'Ra', colVisitId: 'Mã lượt vào', colLevel: 'Mức',
      colContact: 'Liên hệ', colWhy: 'Vì sao', noContacts: 'Không có người tiếp xúc nào theo các tiêu chí này.',
      levelF1: 'F1 – tiếp xúc trực tiếp với ca bệnh', levelF2: 'F2 – tiếp xúc với một F1',
      summary: 'Truy vấn {id}: {visits} lượt vào của ca bệnh, {f1} F1, {f2} F2.',
      why: 'Tại {site}, ở chung {start}–{end} ({minutes} phút), qua lượt vào của {via}.',
      encounters: 'Gặp {n} lần.', autoClosed: 'Giờ ra do hệ thống tự đóng (ước tính).', stillOnSite: 'chưa ra',
      needCase: 'Vui lòng nhập thông tin ca bệnh.', needWindow: 'Vui lòng chọn khoảng thời gian.',
      needReason: 'Vui lòng nhập lý do truy vết.', theCase: 'ca bệnh'
    },
    en: {
      title: 'Contact tracing', queryTitle: 'Find the contacts of a case', caseKind: 'Identify the case by',
      byPhone: 'Phone number', byIdNumber: 'ID card number', byVisitId: 'Visit id',
      caseValue: 'The case\'s phone number, ID number or visit id', from: 'From (this computer\'s time)',
      to: 'To (this computer\'s time)', minOverlap: 'Minimum time together (minutes)',
      buffer: 'Extra time after the case left (minutes)', depth: 'Depth', depth1: 'F1', depth2: 'F1 and F2',
      reason: 'Reason / case reference (written to the audit trail)', run: 'Trace', resultTitle: 'Result',
      export: 'Export the list:', caseVisits: 'The case\'s visits', contacts: 'Contacts',
      colSite: 'Site', colVisitor: 'Person', colIn: 'In', colOut: 'Out', colVisitId: 'Visit id', colLevel: 'Level',
      colContact: 'Contact', colWhy: 'Why', noContacts: 'No contacts for these criteria.',
      levelF1: 'F1 – in contact with the case', levelF2: 'F2 – in contact with an F1',
      summary: 'Query {id}: {visits} visits of the case, {f1} F1, {f2} F2.',
      why: 'At {site}, together {start}–{end} ({minutes} min), via the visit of {via}.',
      encounters: 'Met {n} times.', autoClosed: 'Left time closed by the service (an estimate).', stillOnSite: 'still on site',
      needCase: 'Please identify the case.', needWindow: 'Please choose the period.',
      needReason: 'Please give the reason for this query.', theCase: 'the case'
    }
  });

  let result = null;

  function fill(template, values) {
    return Object.keys(values).reduce((text, key) => text.split('{' + key + '}').join(String(values[key])), template);
  }

  /** datetime-local value (this computer's time) for an instant. */
  function localInput(date) {
    const pad = (n) => String(n).padStart(2, '0');
    return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + 'T'
      + pad(date.getHours()) + ':' + pad(date.getMinutes());
  }

  function request() {
    const value = $('caseValue').value.trim();
    if (!value) { S.say(S.t('needCase')); $('caseValue').focus(); return null; }
    if (!$('from').value || !$('to').value) { S.say(S.t('needWindow')); $('from').focus(); return null; }
    if (!$('reason').value.trim()) { S.say(S.t('needReason')); $('reason').focus(); return null; }
    const theCase = {};
    theCase[$('caseKind').value] = value;
    return {
      case: theCase,
      from: new Date($('from').value).toISOString(),
      to: new Date($('to').value).toISOString(),
      minOverlapMinutes: Number($('minOverlap').value),
      bufferMinutes: Number($('buffer').value),
      depth: Number(document.querySelector('input[name="depth"]:checked').value),
      reason: $('reason').value.trim()
    };
  }

  async function run() {
    const body = request();
    if (!body) { return; }
    $('run').disabled = true;
    try {
      result = await S.api('POST', '/api/v1/tracing/queries', body);
      S.say('');
      render();
      $('result').hidden = false;
      $('result-title').focus();
    } finally {
      $('run').disabled = false;
    }
  }

  function contactText(visitor) {
    return [visitor.phone, visitor.idNumber].filter(Boolean).join(' · ');
  }

  function renderCase() {
    const body = $('case-rows');
    body.textContent = '';
    result.case.visits.forEach((visit) => {
      const tr = S.el('tr');
      tr.appendChild(S.el('td', {}, visit.siteName));
      tr.appendChild(S.el('td', {}, (visit.visitor || {}).fullName));
      tr.appendChild(S.el('td', {}, S.dateTime(visit.checkedInAt)));
      tr.appendChild(S.el('td', {}, visit.checkedOutAt ? S.dateTime(visit.checkedOutAt) : S.t('stillOnSite')));
      tr.appendChild(S.el('td', { className: 'mono' }, visit.visitId));
      body.appendChild(tr);
    });
  }

  /** Whose visit a contact was found through: the case, or the F1 person the service names (at its site). */
  function viaName(contact) {
    const via = contact.via || { visitId: contact.viaVisitId };
    if (result.case.visits.some((v) => v.visitId === via.visitId)) { return S.t('theCase'); }
    if (via.fullName) { return via.fullName + (via.siteName ? ' (' + via.siteName + ')' : ''); }
    const contactBefore = result.contacts.find((c) => c.visitId === via.visitId);
    return contactBefore ? (contactBefore.visitor || {}).fullName : via.visitId;
  }

  function contactRow(contact) {
    const tr = S.el('tr', { 'data-level': contact.level, 'data-visit-id': contact.visitId });
    tr.appendChild(S.el('td', {}, contact.level));
    tr.appendChild(S.el('td', { className: 'name' }, (contact.visitor || {}).fullName));
    tr.appendChild(S.el('td', {}, contactText(contact.visitor || {})));
    const why = S.el('td');
    why.appendChild(S.el('div', {}, fill(S.t('why'), {
      site: contact.siteName, start: S.dateTime(contact.overlapStart), end: S.time(contact.overlapEnd),
      minutes: contact.overlapMinutes, via: viaName(contact)
    })));
    if (contact.encounters > 1) { why.appendChild(S.el('div', { className: 'muted' }, fill(S.t('encounters'), { n: contact.encounters }))); }
    if (contact.autoClosed) { why.appendChild(S.el('div', { className: 'muted' }, S.t('autoClosed'))); }
    tr.appendChild(why);
    return tr;
  }

  function render() {
    renderCase();
    const body = $('contact-rows');
    body.textContent = '';
    const levels = { F1: [], F2: [] };
    result.contacts.forEach((c) => (levels[c.level] || (levels[c.level] = [])).push(c));
    Object.keys(levels).forEach((level) => {
      if (!levels[level].length) { return; }
      const head = S.el('tr', { className: 'group' });
      head.appendChild(S.el('th', { scope: 'colgroup', colspan: '4' }, S.t('level' + level) + ' (' + levels[level].length + ')'));
      body.appendChild(head);
      levels[level].forEach((c) => body.appendChild(contactRow(c)));
    });
    $('no-contacts').hidden = result.contacts.length > 0;
    $('summary').textContent = fill(S.t('summary'), {
      id: result.id, visits: result.case.visits.length, f1: levels.F1.length, f2: levels.F2.length
    });
  }

  const MEDIA = {
    csv: 'text/csv', pdf: 'application/pdf',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  };

  document.addEventListener('DOMContentLoaded', () => {
    const now = new Date();
    $('to').value = localInput(now);
    $('from').value = localInput(new Date(now.getTime() - 14 * 24 * 3600 * 1000));
    $('result-title').setAttribute('tabindex', '-1');
    $('query').addEventListener('submit', S.guard(run));
    document.querySelectorAll('button.export').forEach((button) => {
      button.addEventListener('click', S.guard(() => {
        const format = button.dataset.format;
        return S.download('/api/v1/tracing/queries/' + encodeURIComponent(result.id) + '/export?format=' + format,
          MEDIA[format], 'contacts.' + format);
      }));
    });
  });

  S.onLanguage(() => { if (result) { render(); } });

  S.start({
    roles: ['TRACER', 'ADMIN'],
    onLogin: () => { $('caseValue').focus(); },
    onLogout: () => { result = null; $('result').hidden = true; $('contact-rows').textContent = ''; $('case-rows').textContent = ''; }
  });
}());
