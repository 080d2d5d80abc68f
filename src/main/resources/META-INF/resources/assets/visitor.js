// The visitor page: check in with the scanned code, see the visit, check out. Vietnamese first, English on request.
// Everything shown is set with textContent, never as HTML. The visit and the visitor's own details are kept in this
// phone's local storage only.
(function () {
  'use strict';

  var TEXT = {
    vi: {
      title: 'Khai báo y tế khi vào cơ quan', switchTo: 'English',
      checkedInTitle: 'Bạn đã check in', since: 'Vào lúc', checkout: 'Check out',
      checkedOutTitle: 'Bạn đã check out', leftAt: 'Ra lúc', thanks: 'Cảm ơn bạn đã khai báo. Chúc bạn một ngày tốt lành.',
      aboutYou: 'Thông tin của bạn', fullName: 'Họ và tên', phone: 'Số điện thoại',
      idNumber: 'Số CCCD (không bắt buộc)', yearOfBirth: 'Năm sinh (không bắt buộc)',
      organization: 'Đơn vị công tác (không bắt buộc)', purpose: 'Mục đích đến (không bắt buộc)',
      hostName: 'Gặp ai / phòng nào (không bắt buộc)', declaration: 'Khai báo y tế',
      temperature: 'Nhiệt độ cơ thể °C (nếu đã đo)',
      symptoms: 'Trong 14 ngày qua bạn có triệu chứng nào sau đây không?',
      FEVER: 'Sốt', COUGH: 'Ho', SHORTNESS_OF_BREATH: 'Khó thở', SORE_THROAT: 'Đau họng',
      LOSS_OF_TASTE_OR_SMELL: 'Mất vị giác, khứu giác', FATIGUE: 'Mệt mỏi', OTHER: 'Khác',
      closeContact: 'Bạn có tiếp xúc gần với ca bệnh hoặc người nghi nhiễm không?',
      outbreakArea: 'Bạn có đi qua vùng có dịch trong 14 ngày qua không?', yes: 'Có', no: 'Không',
      outbreakAreaDetails: 'Nơi đã đến (nếu có)', vaccineDoses: 'Số mũi vắc-xin đã tiêm', notSaying: 'Không trả lời',
      consent: 'Tôi cam kết thông tin khai báo là đúng sự thật và đồng ý cho cơ quan lưu trữ, sử dụng thông tin này để '
        + 'phòng, chống dịch; dữ liệu được xóa sau 30 ngày.',
      remember: 'Ghi nhớ thông tin của tôi trên điện thoại này', checkin: 'Check in',
      required: 'Vui lòng điền mục này.', consentRequired: 'Vui lòng xác nhận cam kết.',
      badPhone: 'Số điện thoại chưa đúng, ví dụ 0912345678.', badId: 'Số CCCD gồm 12 chữ số (CMND cũ: 9 chữ số).',
      badYear: 'Năm sinh chưa đúng.', badTemperature: 'Nhiệt độ từ 34 đến 43 °C.',
      invalidQr: 'Mã QR này không hợp lệ. Vui lòng quét mã dán tại cửa ra vào.',
      outdatedQr: 'Mã QR này đã được thay. Vui lòng quét mã mới dán tại cửa ra vào.',
      unknownSite: 'Không tìm thấy địa điểm của mã QR này.', inactive: 'Địa điểm này tạm ngừng nhận khai báo.',
      tooMany: 'Bạn thao tác quá nhanh, vui lòng thử lại sau ít phút.',
      failed: 'Chưa gửi được. Vui lòng kiểm tra kết nối mạng và thử lại.', fixFields: 'Vui lòng sửa các mục được đánh dấu.',
      flagged: 'Vui lòng báo cho lễ tân:', FLAG_FEVER: 'sốt', FLAG_SYMPTOMS: 'có triệu chứng',
      FLAG_CLOSE_CONTACT: 'tiếp xúc gần ca bệnh', FLAG_OUTBREAK_AREA: 'đi qua vùng dịch'
    },
    en: {
      title: 'Health declaration at the entrance', switchTo: 'Tiếng Việt',
      checkedInTitle: 'You are checked in', since: 'Since', checkout: 'Check out',
      checkedOutTitle: 'You are checked out', leftAt: 'Left at', thanks: 'Thank you for your declaration. Have a good day.',
      aboutYou: 'About you', fullName: 'Full name', phone: 'Phone number', idNumber: 'ID card number (optional)',
      yearOfBirth: 'Year of birth (optional)', organization: 'Organization (optional)',
      purpose: 'Purpose of the visit (optional)', hostName: 'Who or which office you visit (optional)',
      declaration: 'Health declaration', temperature: 'Body temperature °C (if measured)',
      symptoms: 'In the last 14 days, have you had any of these symptoms?',
      FEVER: 'Fever', COUGH: 'Cough', SHORTNESS_OF_BREATH: 'Shortness of breath', SORE_THROAT: 'Sore throat',
      LOSS_OF_TASTE_OR_SMELL: 'Loss of taste or smell', FATIGUE: 'Fatigue', OTHER: 'Other',
      closeContact: 'Have you been in close contact with a confirmed or suspected case?',
      outbreakArea: 'Have you been to an outbreak area in the last 14 days?', yes: 'Yes', no: 'No',
      outbreakAreaDetails: 'Where (if so)', vaccineDoses: 'Vaccine doses received', notSaying: 'Prefer not to say',
      consent: 'I declare that this information is true and agree that the office stores and uses it for epidemic '
        + 'prevention; it is deleted after 30 days.',
      remember: 'Remember my details on this phone', checkin: 'Check in',
      required: 'Please fill this in.', consentRequired: 'Please confirm the declaration.',
      badPhone: 'Please enter a phone number such as 0912345678.', badId: 'ID numbers have 9 or 12 digits.',
      badYear: 'Please check the year of birth.', badTemperature: 'Between 34 and 43 °C.',
      invalidQr: 'This QR code is not valid. Please scan the code posted at the entrance.',
      outdatedQr: 'This QR code has been replaced. Please scan the new code posted at the entrance.',
      unknownSite: 'The place of this QR code was not found.', inactive: 'This place is not taking check-ins right now.',
      tooMany: 'Too many attempts, please try again in a few minutes.',
      failed: 'Could not send. Please check your connection and try again.', fixFields: 'Please correct the marked fields.',
      flagged: 'Please tell the reception:', FLAG_FEVER: 'fever', FLAG_SYMPTOMS: 'symptoms',
      FLAG_CLOSE_CONTACT: 'close contact with a case', FLAG_OUTBREAK_AREA: 'outbreak area'
    }
  };

  var siteCode = decodeURIComponent((location.pathname.split('/c/')[1] || '').split('/')[0]);
  var visitKey = 'checkin.visit.' + siteCode;
  var lang = read('checkin.lang') === 'en' ? 'en' : 'vi';
  var pendingKey = null;
  var $ = function (id) { return document.getElementById(id); };

  function read(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }

  function write(key, value) {
    try {
      if (value === null) { localStorage.removeItem(key); } else { localStorage.setItem(key, value); }
    } catch (e) { /* private mode: the page still works, it just forgets */ }
  }

  function t(key) { return TEXT[lang][key] || key; }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.title = t('title');
    document.querySelectorAll('[data-i18n]').forEach(function (el) { el.textContent = t(el.dataset.i18n); });
    $('lang').textContent = t('switchTo');
    $('lang').setAttribute('aria-label', t('switchTo'));
  }

  function show(id) {
    ['form', 'checked-in', 'checked-out'].forEach(function (s) { $(s).hidden = s !== id; });
  }

  function say(text, ok) {
    var box = $('message');
    box.textContent = text || '';
    box.hidden = !text;
    box.classList.toggle('ok', !!ok);
  }

  function time(iso) {
    return new Date(iso).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB',
      { hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit' });
  }

  function api(method, url, body, headers) {
    var init = { method: method, headers: Object.assign({ 'Accept': 'application/json' }, headers || {}) };
    if (body) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(url, init).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        return { status: response.status, body: json };
      });
    });
  }

  function showVisit(visit) {
    $('site-name').textContent = visit.siteName || '';
    $('checked-in-at').textContent = time(visit.checkedInAt);
    var flags = $('flags');
    flags.textContent = '';
    if (visit.riskFlags && visit.riskFlags.length) {
      var head = document.createElement('li');
      head.textContent = t('flagged') + ' ' + visit.riskFlags.map(function (f) { return t('FLAG_' + f); }).join(', ');
      flags.appendChild(head);
    }
    show('checked-in');
    $('checkout').focus();
  }

  function resumeOrAsk() {
    var stored = read(visitKey);
    if (!stored) { return askForDetails(); }
    var visit = JSON.parse(stored);
    api('GET', '/api/v1/checkins/' + encodeURIComponent(visit.visitId) + '?checkoutToken='
      + encodeURIComponent(visit.checkoutToken)).then(function (r) {
      if (r.status === 200 && r.body.status === 'ON_SITE') {
        visit.siteName = r.body.siteName;
        visit.checkedInAt = r.body.checkedInAt;
        visit.riskFlags = r.body.riskFlags;
        showVisit(visit);
      } else {
        write(visitKey, null);
        askForDetails();
      }
    }).catch(function () { showVisit(visit); });
  }

  function askForDetails() {
    var saved = read('checkin.visitor');
    if (saved) {
      var v = JSON.parse(saved);
      ['fullName', 'phone', 'idNumber', 'yearOfBirth', 'organization'].forEach(function (f) {
        if (v[f]) { $(f).value = v[f]; }
      });
    }
    // Off unless this visitor asked before: the phone may be a shared one (a family's, the guard's).
    $('remember').checked = !!saved;
    show('form');
  }

  function fieldError(field, text) {
    var el = $(field + '-error');
    if (el) { el.textContent = text || ''; }
    var input = $(field);
    if (input) { input.setAttribute('aria-invalid', text ? 'true' : 'false'); }
  }

  function validate() {
    var ok = true;
    ['fullName', 'phone', 'idNumber', 'yearOfBirth', 'temperatureC', 'consent'].forEach(function (f) { fieldError(f, ''); });
    if (!$('fullName').value.trim()) { fieldError('fullName', t('required')); ok = false; }
    var phone = $('phone').value.replace(/[\s.()-]/g, '');
    if (!/^(\+?\d{9,15})$/.test(phone)) { fieldError('phone', t('badPhone')); ok = false; }
    var id = $('idNumber').value.trim();
    if (id && !/^(\d{9}|\d{12})$/.test(id)) { fieldError('idNumber', t('badId')); ok = false; }
    var year = $('yearOfBirth').value.trim();
    if (year && !(/^\d{4}$/.test(year) && +year >= 1900 && +year <= new Date().getFullYear())) {
      fieldError('yearOfBirth', t('badYear')); ok = false;
    }
    var temp = $('temperatureC').value.trim().replace(',', '.');
    if (temp && !(+temp >= 34 && +temp <= 43)) { fieldError('temperatureC', t('badTemperature')); ok = false; }
    if (!$('consent').checked) { fieldError('consent', t('consentRequired')); ok = false; }
    return ok;
  }

  function body() {
    var checked = function (name) { return document.querySelector('input[name="' + name + '"]:checked').value === 'true'; };
    var text = function (id) { var v = $(id).value.trim(); return v || null; };
    var temp = text('temperatureC');
    return {
      qr: location.href,
      visitor: {
        fullName: $('fullName').value.trim(), phone: $('phone').value.trim(), idNumber: text('idNumber'),
        yearOfBirth: text('yearOfBirth') ? +text('yearOfBirth') : null, organization: text('organization')
      },
      purpose: text('purpose'),
      hostName: text('hostName'),
      declaration: {
        temperatureC: temp ? Math.round(+temp.replace(',', '.') * 10) / 10 : null,
        symptoms: Array.prototype.map.call(document.querySelectorAll('input[name="symptoms"]:checked'),
          function (i) { return i.value; }),
        closeContactWithCase: checked('closeContactWithCase'),
        visitedOutbreakArea: checked('visitedOutbreakArea'),
        outbreakAreaDetails: text('outbreakAreaDetails'),
        vaccineDoses: text('vaccineDoses') ? +text('vaccineDoses') : null
      },
      consent: $('consent').checked
    };
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return String(Date.now()) + '-' + Math.random().toString(36).slice(2);
  }

  function problemText(problem, status) {
    var type = (problem && problem.type) || '';
    if (type.endsWith('/outdated-qr')) { return t('outdatedQr'); }
    if (type.endsWith('/invalid-qr')) { return t('invalidQr'); }
    if (type.endsWith('/site-inactive')) { return t('inactive'); }
    if (status === 404) { return t('unknownSite'); }
    if (status === 429) { return t('tooMany'); }
    if (problem && problem.violations) { return t('fixFields'); }
    return t('failed');
  }

  function submit(event) {
    event.preventDefault();
    say('');
    if (!validate()) { say(t('fixFields')); return; }
    var request = body();
    if ($('remember').checked) {
      write('checkin.visitor', JSON.stringify(request.visitor));
    } else {
      write('checkin.visitor', null);
    }
    pendingKey = pendingKey || newKey(); // a retry after a lost answer must not check in twice
    $('submit').disabled = true;
    api('POST', '/api/v1/checkins', request, { 'Idempotency-Key': pendingKey }).then(function (r) {
      $('submit').disabled = false;
      if (r.status === 201) {
        pendingKey = null;
        write(visitKey, JSON.stringify({ visitId: r.body.visitId, checkoutToken: r.body.checkoutToken }));
        showVisit(r.body);
        return;
      }
      if (r.status !== 422) { pendingKey = null; }
      (r.body.violations || []).forEach(function (v) {
        fieldError(v.field.replace(/^visitor\.|^declaration\./, ''), v.message);
      });
      say(problemText(r.body, r.status));
    }).catch(function () {
      $('submit').disabled = false;
      say(t('failed'));
    });
  }

  function checkout() {
    var visit = JSON.parse(read(visitKey) || 'null');
    if (!visit) { return askForDetails(); }
    $('checkout').disabled = true;
    api('POST', '/api/v1/checkins/' + encodeURIComponent(visit.visitId) + '/checkout',
      { checkoutToken: visit.checkoutToken }).then(function (r) {
      $('checkout').disabled = false;
      if (r.status === 200) {
        write(visitKey, null);
        $('checked-out-at').textContent = time(r.body.checkedOutAt);
        show('checked-out');
        say('');
      } else {
        say(problemText(r.body, r.status));
      }
    }).catch(function () {
      $('checkout').disabled = false;
      say(t('failed'));
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    applyLanguage();
    $('lang').addEventListener('click', function () {
      lang = lang === 'vi' ? 'en' : 'vi';
      write('checkin.lang', lang);
      applyLanguage();
    });
    $('form').addEventListener('submit', submit);
    $('checkout').addEventListener('click', checkout);
    resumeOrAsk();
  });
}());
