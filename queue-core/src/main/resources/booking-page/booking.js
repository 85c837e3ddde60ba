// The booking page (/dat-lich/): field → day → slot → name and phone → code and QR; move or cancel with the code.
// It talks only to the public API of this server. ?site=CODE picks the site (default: the first this server serves).
const TEXT = {
  vi: {
    title: 'Đặt lịch hẹn trực tuyến',
    chooseField: 'Chọn lĩnh vực cần giải quyết',
    chooseDay: 'Chọn ngày',
    chooseSlot: 'Chọn giờ',
    noSlots: 'Ngày này không còn giờ trống. Vui lòng chọn ngày khác.',
    yourDetails: 'Thông tin người đến',
    name: 'Họ và tên',
    phone: 'Số điện thoại di động',
    consent: 'Tôi đồng ý để trung tâm dùng họ tên và số điện thoại này chỉ để quản lý lịch hẹn. Thông tin được xoá sau ngày hẹn và không hiện trên màn hình công cộng.',
    book: 'Đặt lịch',
    booked: 'Đã đặt lịch hẹn',
    yourCode: 'Mã lịch hẹn của bạn',
    bringCode: 'Khi đến, đưa mã QR này vào máy quét của ki-ốt hoặc nhập mã lịch hẹn để lấy số thứ tự. Hãy đến trong khung giờ đã chọn.',
    cancel: 'Hủy lịch hẹn này',
    another: 'Đặt lịch khác',
    haveCode: 'Đã có mã lịch hẹn? Xem, đổi giờ hoặc hủy lịch',
    findBooking: 'Xem, đổi giờ hoặc hủy lịch hẹn',
    move: 'Đổi sang ngày giờ khác',
    moving: 'Đổi lịch hẹn {0}: chọn ngày và giờ mới. Mã lịch hẹn giữ nguyên.',
    movedNote: 'Đã đổi lịch hẹn. Mã lịch hẹn giữ nguyên.',
    code: 'Mã lịch hẹn (8 ký tự)',
    find: 'Tìm lịch hẹn',
    cancelled: 'Đã hủy lịch hẹn',
    cancelledText: 'Lịch hẹn {0} đã được hủy.',
    back: 'Quay lại',
    field: 'Lĩnh vực',
    when: 'Thời gian',
    person: 'Người đến',
    phoneShort: 'Điện thoại',
    free: 'còn {0} chỗ',
    full: 'hết chỗ',
    closed: 'nghỉ',
    checkedIn: 'Đã xác nhận tại trung tâm',
    tryAgain: 'Không kết nối được với máy chủ. Vui lòng thử lại.',
  },
  en: {
    title: 'Book an appointment online',
    chooseField: 'Choose a field',
    chooseDay: 'Choose a day',
    chooseSlot: 'Choose a time',
    noSlots: 'No free time left on this day. Please choose another day.',
    yourDetails: 'Who is coming',
    name: 'Full name',
    phone: 'Mobile number',
    consent: 'I agree that the centre uses this name and phone number only to manage the appointment. They are deleted after the day and never shown on public screens.',
    book: 'Book',
    booked: 'Appointment booked',
    yourCode: 'Your booking code',
    bringCode: 'When you arrive, hold this QR code to the kiosk scanner or type the code to get your number. Please come within the chosen time.',
    cancel: 'Cancel this appointment',
    another: 'Book another',
    haveCode: 'Have a booking code? View, move or cancel',
    findBooking: 'View, move or cancel a booking',
    move: 'Move to another day or time',
    moving: 'Moving booking {0}: choose the new day and time. The code stays the same.',
    movedNote: 'Appointment moved. The code stays the same.',
    code: 'Booking code (8 characters)',
    find: 'Find the booking',
    cancelled: 'Appointment cancelled',
    cancelledText: 'Booking {0} is cancelled.',
    back: 'Back',
    field: 'Field',
    when: 'Time',
    person: 'Name',
    phoneShort: 'Phone',
    free: '{0} free',
    full: 'full',
    closed: 'closed',
    checkedIn: 'Checked in at the centre',
    tryAgain: 'Cannot reach the server. Please try again.',
  },
};
const API = '/api/v1';

const $ = (id) => document.getElementById(id);
let lang = 'vi';
let site = null;
let choice = {};
let booking = null;
let moving = null; // the booking being moved to another slot, or null

function t(key, ...args) {
  return (TEXT[lang][key] ?? TEXT.vi[key] ?? key).replace(/\{(\d)\}/g, (_, i) => args[Number(i)] ?? '');
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node[k] = v;
  }
  for (const child of children.flat()) if (child != null) node.append(child);
  return node;
}

async function api(path, options = {}) {
  let response;
  try {
    response = await fetch(API + path, { ...options, headers: { 'Content-Type': 'application/json' } });
  } catch {
    throw new Error(t('tryAgain'));
  }
  const body = await response.json().catch(() => ({}));
  // The server's refusal in the page's language: its "messageEn" in English, its "message" otherwise (ADR 0043);
  // both kept, so that a language switch says it again.
  if (!response.ok) {
    const said = body.message ? { vi: body.message, en: body.messageEn || body.message } : null;
    throw Object.assign(new Error((said && said[lang]) || t('tryAgain')), { said });
  }
  return body;
}

function step(name) {
  document.querySelectorAll('.step').forEach((s) => { s.hidden = s.id !== `step-${name}`; });
  document.body.dataset.step = name;
  showError(null);
  window.scrollTo(0, 0);
}

// message: a text, or an error (a server's refusal keeps both its texts, said again on a language switch)
let shownError = null;
function showError(message) {
  shownError = message instanceof Error && message.said ? message.said : null;
  const text = message instanceof Error ? message.message : message;
  $('error').hidden = !text;
  $('error').textContent = text ?? '';
}

function formatDay(day) {
  const date = new Date(`${day}T05:00:00Z`);
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: site.timeZone, weekday: 'short', day: '2-digit', month: '2-digit',
  }).format(date);
}

function formatTime(iso) {
  return new Intl.DateTimeFormat('vi-VN', { timeZone: site.timeZone, hour: '2-digit', minute: '2-digit' })
    .format(new Date(iso));
}

/** A field's name in the page's language: its English name (nameEn) when English is chosen and it has one. */
function fieldName(service) {
  return (lang === 'en' && service.nameEn) || service.name;
}

function renderFields() {
  $('site-name').textContent = site.name;
  $('fields').replaceChildren(...site.services.map((s) => el('button', {
    type: 'button', dataset: { service: s.code }, onclick: () => chooseField(s),
  }, fieldName(s))));
}

async function chooseField(service) {
  choice = { service };
  $('day-field').textContent = fieldName(service);
  try {
    const answer = await api(`/sites/${encodeURIComponent(site.code)}/appointments/days`
      + `?service=${encodeURIComponent(service.code)}`);
    $('days').replaceChildren(...answer.days.map((d) => el('button', {
      type: 'button', disabled: d.free === 0, title: d.closed ?? '', dataset: { day: d.date },
      onclick: () => chooseDay(d.date),
    }, formatDay(d.date), el('small', {}, d.closed != null ? t('closed') : d.free === 0 ? t('full') : t('free', d.free)))));
    step('day');
  } catch (error) {
    showError(error);
  }
}

async function chooseDay(day) {
  choice.day = day;
  try {
    const answer = await api(`/sites/${encodeURIComponent(site.code)}/appointments/slots`
      + `?service=${encodeURIComponent(choice.service.code)}&date=${day}`);
    $('slot-day').textContent = `${fieldName(choice.service)} · ${formatDay(day)}`;
    $('slots').replaceChildren(...answer.slots.map((s) => el('button', {
      type: 'button', disabled: s.free === 0, dataset: { start: s.start }, onclick: () => chooseSlot(s),
    }, formatTime(s.start), el('small', {}, s.free === 0 ? t('full') : t('free', s.free)))));
    $('no-slots').hidden = answer.slots.some((s) => s.free > 0);
    step('slot');
  } catch (error) {
    showError(error);
  }
}

function chooseSlot(slot) {
  choice.slot = slot;
  if (moving) {
    moveTo(slot);
    return;
  }
  $('person-slot').textContent = `${fieldName(choice.service)} · ${formatDay(choice.day)} · ${formatTime(slot.start)}`;
  step('person');
}

async function book(event) {
  event.preventDefault();
  $('book').disabled = true;
  try {
    booking = await api(`/sites/${encodeURIComponent(site.code)}/appointments`, {
      method: 'POST',
      body: JSON.stringify({
        service: choice.service.code, start: choice.slot.start, name: $('name').value, phone: $('phone').value,
      }),
    });
    showBooking();
  } catch (error) {
    showError(error);
  } finally {
    $('book').disabled = !$('consent').checked;
  }
}

function startMove() {
  const service = site.services.find((s) => s.code === booking.service);
  if (!service) return;
  moving = booking;
  $('moving').textContent = t('moving', booking.code);
  $('moving').hidden = false;
  chooseField(service);
}

async function moveTo(slot) {
  try {
    booking = await api(`/appointments/${encodeURIComponent(moving.code)}`, {
      method: 'PATCH', body: JSON.stringify({ start: slot.start }),
    });
    stopMoving();
    showBooking(true);
  } catch (error) {
    showError(error);
  }
}

function stopMoving() {
  moving = null;
  $('moving').hidden = true;
}

function showBooking(moved = false) {
  $('code').textContent = booking.code;
  $('qr').src = `/dat-lich/qr/${encodeURIComponent(booking.code)}`;
  const rows = [
    [t('field'), booking.serviceName],
    [t('when'), `${formatDay(booking.start.slice(0, 10))} ${formatTime(booking.start)}–${formatTime(booking.end)}`],
    [t('person'), booking.name],
    [t('phoneShort'), booking.phone],
  ];
  if (booking.checkedIn) rows.push(['', t('checkedIn')]);
  $('summary').replaceChildren(...rows.map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]).flat());
  $('cancel-booking').hidden = booking.checkedIn;
  $('move-booking').hidden = booking.checkedIn;
  step('done');
  $('moved-note').hidden = !moved;
}

async function cancel() {
  try {
    const cancelled = await api(`/appointments/${encodeURIComponent(booking.code)}`, { method: 'DELETE' });
    $('cancelled-text').textContent = t('cancelledText', cancelled.code);
    booking = null;
    step('cancelled');
  } catch (error) {
    showError(error);
  }
}

async function find(event) {
  event.preventDefault();
  try {
    booking = await api(`/appointments/${encodeURIComponent($('find-code').value.trim())}`);
    showBooking();
  } catch (error) {
    showError(error);
  }
}

function setLang(next) {
  lang = next;
  document.documentElement.lang = next;
  $('lang').textContent = next === 'vi' ? 'English' : 'Tiếng Việt';
  document.querySelectorAll('[data-i18n]').forEach((node) => { node.textContent = t(node.dataset.i18n); });
  document.title = t('title');
  if (shownError) $('error').textContent = shownError[next];
}

async function start() {
  setLang('vi');
  $('lang').addEventListener('click', () => {
    setLang(lang === 'vi' ? 'en' : 'vi');
    if (site) renderFields();
    if (site && document.body.dataset.step === 'day') chooseField(choice.service);
  });
  $('consent').addEventListener('change', () => { $('book').disabled = !$('consent').checked; });
  $('person-form').addEventListener('submit', book);
  $('find-form').addEventListener('submit', find);
  $('cancel-booking').addEventListener('click', cancel);
  $('move-booking').addEventListener('click', startMove);
  $('open-cancel').addEventListener('click', () => step('cancel'));
  document.querySelectorAll('[data-back]').forEach((b) => b.addEventListener('click', () => {
    if (b.dataset.back === 'field') stopMoving();
    step(b.dataset.back);
  }));
  try {
    let code = new URLSearchParams(location.search).get('site');
    if (!code) code = (await fetch('/health').then((r) => r.json())).sites[0];
    site = await api(`/sites/${encodeURIComponent(code)}`);
    renderFields();
    step('field');
    const wanted = new URLSearchParams(location.search).get('ma');
    if (wanted) {
      $('find-code').value = wanted;
      step('cancel');
    }
  } catch (error) {
    showError(error);
  }
}

document.addEventListener('DOMContentLoaded', start);
