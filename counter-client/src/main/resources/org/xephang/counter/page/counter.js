// Officer page: talks only to its own agent (relative URLs); the agent holds the officer's token and the devices.
const TEXT = {
  vi: {
    appTitle: 'Quầy phục vụ', signOut: 'Đăng xuất', signInTitle: 'Đăng nhập quầy', username: 'Tên đăng nhập',
    password: 'Mật khẩu', counter: 'Quầy số', signIn: 'Đăng nhập',
    agentLost: 'Mất kết nối với máy quầy. Đang kết nối lại…',
    serverLost: 'Mất kết nối với máy chủ xếp hàng. Đang kết nối lại…',
    kioskPrinter: 'Máy in vé {0}: {1}. Kiosk này không in được số, xin hướng dẫn công dân sang kiosk khác.',
    PAPER_OUT_printer: 'hết giấy', OFFLINE_printer: 'mất kết nối', COVER_OPEN_printer: 'đang mở nắp', ERROR_printer: 'bị lỗi',
    serving: 'Đang phục vụ', callNext: 'Gọi số tiếp', recall: 'Gọi lại', start: 'Bắt đầu', complete: 'Hoàn thành',
    noShow: 'Bỏ qua', transfer: 'Chuyển', callSpecific: 'Gọi số cụ thể', pause: 'Tạm dừng', resume: 'Tiếp tục',
    reprint: 'In lại vé', linkDossier: 'Gắn mã hồ sơ', dossierPlaceholder: 'Quét hoặc nhập mã',
    waitingTitle: 'Đang chờ', toService: 'Sang lĩnh vực', toCounter: 'Hoặc sang quầy', front: 'Lên đầu hàng',
    back: 'Xuống cuối hàng', cancel: 'Huỷ', ok: 'Đồng ý', reason: 'Lý do', ticketNumber: 'Số vé (ví dụ A012)',
    none: '—', CALLED: 'Đã gọi, đang chờ công dân đến', SERVING: 'Đang phục vụ', OPEN: 'Đang mở',
    PAUSED: 'Tạm dừng', CLOSED: 'Đóng', awaitingRating: 'Mời công dân đánh giá trên bàn phím (số {0})',
    rated: 'Số {0} đã được đánh giá. Cảm ơn!', dossierLinked: 'Mã hồ sơ: {0}', callCount: 'gọi {0} lần',
    nothingWaiting: 'Không còn ai đang chờ.', pausedBecause: 'Tạm dừng: {0}', reprintWhich: 'In lại vé số',
    presets: ['Nghỉ giải lao', 'Họp', 'Hỗ trợ quầy khác', 'Xử lý hồ sơ tồn'], chooseTarget: '— chọn —',
    replaced: 'Quầy này vừa được đăng nhập ở nơi khác.',
    number: 'Số', waitedSoFar: 'Đã chờ', priorityHead: 'Ưu tiên', priorityCount: '{0} ({1} ưu tiên)', priority: 'Ưu tiên', appointment: 'Có lịch hẹn', nobodyWaiting: 'Không có ai đang chờ.',
    appointmentsTitle: 'Lịch hẹn sắp tới hôm nay', appointmentTime: 'Giờ hẹn', appointmentCode: 'Mã lịch hẹn',
    appointmentField: 'Lĩnh vực',
    minutes: '{0} phút', underMinute: '< 1 phút', movedHere: 'chuyển đến quầy này',
    chooseTransferTarget: 'Chọn một lĩnh vực hoặc một quầy để chuyển đến.',
    noShowConfirm: 'Đúng, công dân vắng mặt', noShowQuestion: 'Công dân số {0} không đến quầy? Số này sẽ được đánh dấu vắng mặt.',
  },
  en: {
    appTitle: 'Counter', signOut: 'Sign out', signInTitle: 'Counter sign-in', username: 'Username',
    password: 'Password', counter: 'Counter', signIn: 'Sign in',
    agentLost: 'Lost connection to the counter PC. Reconnecting…',
    serverLost: 'Lost connection to the queue server. Reconnecting…',
    kioskPrinter: 'Ticket printer {0}: {1}. That kiosk prints no numbers; please send citizens to another kiosk.',
    PAPER_OUT_printer: 'out of paper', OFFLINE_printer: 'offline', COVER_OPEN_printer: 'cover open', ERROR_printer: 'error',
    serving: 'Now serving', callNext: 'Call next', recall: 'Recall', start: 'Start', complete: 'Done',
    noShow: 'No-show', transfer: 'Transfer', callSpecific: 'Call a number', pause: 'Pause', resume: 'Resume',
    reprint: 'Reprint ticket', linkDossier: 'Link dossier', dossierPlaceholder: 'Scan or type the code',
    waitingTitle: 'Waiting', toService: 'To field', toCounter: 'Or to counter', front: 'Front of the queue',
    back: 'Back of the queue', cancel: 'Cancel', ok: 'OK', reason: 'Reason', ticketNumber: 'Ticket number (e.g. A012)',
    none: '—', CALLED: 'Called, waiting for the citizen', SERVING: 'Serving', OPEN: 'Open', PAUSED: 'Paused',
    CLOSED: 'Closed', awaitingRating: 'Citizen may rate on the keypad (number {0})',
    rated: 'Number {0} has been rated. Thank you!', dossierLinked: 'Dossier: {0}', callCount: 'called {0} times',
    nothingWaiting: 'Nobody is waiting.', pausedBecause: 'Paused: {0}', reprintWhich: 'Reprint ticket number',
    presets: ['Break', 'Meeting', 'Helping another counter', 'Backlog'], chooseTarget: '— choose —',
    replaced: 'This counter was just signed in elsewhere.',
    number: 'Number', waitedSoFar: 'Waited', priorityHead: 'Priority', priorityCount: '{0} ({1} priority)', priority: 'Priority', appointment: 'Appointment', nobodyWaiting: 'Nobody is waiting.',
    appointmentsTitle: 'Appointments later today', appointmentTime: 'Time', appointmentCode: 'Booking code',
    appointmentField: 'Field',
    minutes: '{0} min', underMinute: '< 1 min', movedHere: 'transferred here',
    chooseTransferTarget: 'Choose a field or a counter to transfer to.',
    noShowConfirm: 'Yes, the citizen did not come', noShowQuestion: 'Number {0} did not come to the counter? It will be marked as a no-show.',
  },
};
const SHORTCUTS = { g: 'call-next', l: 'recall', b: 'start', h: 'complete', k: 'no-show', c: 'transfer', s: 'call',
  p: 'pause', t: 'resume', i: 'reprint' };

const $ = (id) => document.getElementById(id);
let lang = localStorage.getItem('xephang.counter.lang') || 'vi';
let session = sessionStorage.getItem('xephang.counter.session');
let desk = null;
let source = null;
let clockOffset = 0;
let callMode = 'call';
let busyAction = null; // the action whose request is in flight: every action waits for it (no double calls)
let waitingTickets = [];
let waitingLoading = false;
let waitingAgain = false;
let appointments = []; // bookings of this counter's fields still to come today (code, field, slot)
let appointmentsAt = 0;
let appointmentsArrived = null; // how many appointment tickets waited when the bookings were last read
const APPOINTMENTS_EVERY_MS = 20000;

function t(key, ...args) {
  const text = TEXT[lang][key] ?? TEXT.vi[key] ?? key;
  return typeof text === 'string' ? text.replace(/\{(\d)\}/g, (_, i) => args[Number(i)] ?? '') : text;
}

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { 'Content-Type': 'application/json', ...(session ? { 'X-Session': session } : {}) },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    // The refusal in the page's language: "messageEn" in English, "message" (Vietnamese) otherwise (ADR 0043).
    const error = new Error((lang === 'en' && body.messageEn) || body.message || response.statusText);
    error.vi = body.message || response.statusText;
    error.en = body.messageEn || error.vi;
    error.status = response.status;
    error.code = body.error;
    throw error;
  }
  return body;
}

// The page's own messages are said by key (sayText), the agent's and the server's with both their texts (sayBoth:
// message and messageEn), so a language switch says them again.
let saidKey = null;
let saidBoth = null;

function say(text, ok = true) {
  saidKey = null;
  saidBoth = null;
  const message = $('message');
  message.textContent = text || '';
  message.className = `message ${text ? (ok ? 'ok' : 'bad') : ''}`;
}

function sayBoth(vi, en, ok) {
  say(lang === 'en' ? en ?? vi : vi, ok);
  saidBoth = [vi, en ?? vi];
}

function sayText(ok, key, ...args) {
  say(t(key, ...args), ok);
  saidKey = [key, args];
}

function setLang(next) {
  lang = next;
  localStorage.setItem('xephang.counter.lang', next);
  document.documentElement.lang = next;
  $('lang').textContent = next === 'vi' ? 'English' : 'Tiếng Việt';
  document.querySelectorAll('[data-i18n]').forEach((node) => { node.textContent = t(node.dataset.i18n); });
  if (saidKey) $('message').textContent = t(saidKey[0], ...saidKey[1]);
  if (saidBoth) $('message').textContent = next === 'en' ? saidBoth[1] : saidBoth[0];
  document.querySelectorAll('[data-i18n-placeholder]').forEach((node) => {
    node.placeholder = t(node.dataset.i18nPlaceholder);
  });
  render();
}

// ---- sign-in --------------------------------------------------------------------------------------------

function showLogin(message) {
  if (source) source.close();
  source = null;
  session = null;
  desk = null;
  sessionStorage.removeItem('xephang.counter.session');
  $('login').hidden = false;
  $('desk').hidden = true;
  $('sign-out').hidden = true;
  $('banner-agent').hidden = true;
  $('banner-server').hidden = true;
  $('desk-name').textContent = t('appTitle');
  $('desk-officer').textContent = '';
  $('desk-officer').hidden = true;
  $('desk-state').textContent = '';
  $('desk-state').hidden = true;
  waitingTickets = [];
  $('waiting-tickets').replaceChildren();
  appointments = [];
  appointmentsArrived = null;
  $('appointment-rows').replaceChildren();
  $('appointments').hidden = true;
  $('login-error').textContent = message || '';
}

async function signIn(event) {
  event.preventDefault();
  $('login-error').textContent = '';
  try {
    const answer = await api('api/session', {
      method: 'POST',
      body: JSON.stringify({ username: $('username').value, password: $('password').value, counter: $('counter').value }),
    });
    session = answer.session;
    sessionStorage.setItem('xephang.counter.session', session);
    $('password').value = '';
    openDesk(answer.desk);
  } catch (error) {
    $('login-error').textContent = error.message;
  }
}

function openDesk(view) {
  $('login').hidden = true;
  $('desk').hidden = false;
  $('sign-out').hidden = false;
  update(view);
  connect();
}

async function signOut() {
  try {
    await api('api/session', { method: 'DELETE' });
  } finally {
    showLogin();
  }
}

// ---- the desk -------------------------------------------------------------------------------------------

function update(view) {
  if (!('site' in view)) view.site = desk?.site; // sent only when it changes
  desk = view;
  if (view.serverTime) clockOffset = Date.parse(view.serverTime) - Date.now();
  render();
  loadWaiting();
}

// The calls made at this counter: a ticket transferred here was called before elsewhere, and "gọi 2 lần" must count
// only this counter's calls. The first call count this page saw of a ticket is its base (kept over a reload).
function callsHere(ticket) {
  const key = `xephang.counter.calls.${desk.counter}.${ticket.id}`;
  let base = Number(sessionStorage.getItem(key));
  if (!base) {
    base = ticket.callCount || 1;
    sessionStorage.setItem(key, String(base));
  }
  return (ticket.callCount || 1) - base + 1;
}

function serviceName(code) {
  return desk?.site?.services?.find((s) => s.code === code)?.name ?? code;
}

function render() {
  if (!desk) return;
  $('desk-name').textContent = desk.name || `${t('counter')} ${desk.counter}`;
  $('desk-officer').textContent = desk.officer ?? '';
  $('desk-officer').hidden = !desk.officer;
  const state = $('desk-state');
  state.hidden = false;
  state.textContent = desk.state === 'PAUSED' && desk.pauseReason ? t('pausedBecause', desk.pauseReason) : t(desk.state);
  state.className = `state ${desk.state}`;
  $('banner-server').hidden = desk.connected !== false;
  const printers = desk.kioskPrinters ?? [];
  $('banner-printer').hidden = printers.length === 0;
  $('banner-printer').textContent = printers.map((p) => t('kioskPrinter', p.device, t(`${p.state}_printer`))).join(' ');

  const ticket = desk.ticket;
  $('ticket-number').textContent = ticket ? ticket.number : t('none');
  $('ticket-service').textContent = ticket ? serviceName(ticket.service) : '';
  const calls = ticket ? callsHere(ticket) : 0;
  $('ticket-state').textContent = ticket ? `${t(ticket.state)}${calls > 1 ? ` · ${t('callCount', calls)}` : ''}` : '';
  $('ticket-dossier').textContent = ticket?.dossierCode ? t('dossierLinked', ticket.dossierCode) : '';
  $('awaiting-rating').hidden = !desk.awaitingRating;
  $('awaiting-rating').textContent = desk.awaitingRating ? t('awaitingRating', desk.awaitingRating) : '';
  tick();

  const open = desk.state === 'OPEN';
  const holding = !!ticket;
  const enable = {
    'call-next': open && !holding, call: open && !holding, recall: ticket?.state === 'CALLED',
    start: ticket?.state === 'CALLED',
    complete: holding, 'no-show': ticket?.state === 'CALLED', transfer: holding, pause: desk.state === 'OPEN' && !holding,
    resume: desk.state === 'PAUSED', reprint: true,
  };
  document.querySelectorAll('[data-action]').forEach((b) => {
    b.disabled = busyAction !== null || !enable[b.dataset.action];
    b.setAttribute('aria-busy', String(busyAction === b.dataset.action));
  });
  $('dossier-submit').disabled = busyAction !== null || !holding;

  $('waiting').replaceChildren(...(desk.waiting ?? []).map((s) => {
    const row = document.createElement('tr');
    const name = document.createElement('td');
    name.textContent = `${s.prefix} · ${s.name}`;
    const count = document.createElement('td');
    count.className = 'count';
    count.dataset.service = s.code;
    count.textContent = s.priorityWaiting ? t('priorityCount', s.waiting, s.priorityWaiting) : String(s.waiting);
    row.append(name, count);
    return row;
  }));
  renderWaitingTickets();
  renderAppointments();
}

// ---- the waiting list: the tickets this counter may call, with the wait so far --------------------------------

async function loadWaiting() {
  if (!session) return;
  if (waitingLoading) {
    waitingAgain = true; // a change arrived meanwhile: ask once more when this answer is in
    return;
  }
  waitingLoading = true;
  try {
    waitingTickets = (await api('api/waiting')).tickets ?? [];
    renderWaitingTickets();
    loadAppointments();
  } catch (error) {
    if (error.status === 401) showLogin(error.message);
    // otherwise the server link is down: the banner says so, and the list comes back with the next change
  } finally {
    waitingLoading = false;
    if (waitingAgain) {
      waitingAgain = false;
      loadWaiting();
    }
  }
}

function waitedText(issuedAt) {
  const minutes = Math.floor((Date.now() + clockOffset - Date.parse(issuedAt)) / 60000);
  const limit = desk?.site?.supervision?.waitAlertMinutes ?? 30; // the site's alert threshold (config: supervision)
  return { text: minutes < 1 ? t('underMinute') : t('minutes', minutes), long: minutes >= limit };
}

function priorityName(code) {
  // 'lich-hen' is not a configured category: the server gives it to bookings checked in on time (ADR 0023).
  if (code === 'lich-hen') return t('appointment');
  return desk?.site?.priorityCategories?.find((p) => p.code === code)?.name ?? code;
}

function renderWaitingTickets() {
  const cell = (className, text) => Object.assign(document.createElement('td'), { className, textContent: text });
  $('waiting-tickets').replaceChildren(...waitingTickets.map((w) => {
    const row = document.createElement('tr');
    row.dataset.number = w.number;
    const waited = waitedText(w.issuedAt);
    const waitedCell = cell(`waited${waited.long ? ' long' : ''}`, waited.text);
    const priority = cell('', '');
    if (w.priority) {
      const badge = Object.assign(document.createElement('span'), {
        className: 'priority', textContent: t('priority'), title: priorityName(w.priority),
      });
      priority.append(badge);
    }
    if (w.counter) {
      priority.append(Object.assign(document.createElement('span'), { className: 'moved', textContent: ` ${t('movedHere')}` }));
    }
    row.append(cell('number', w.number), waitedCell, priority);
    return row;
  }));
  $('waiting-empty').hidden = waitingTickets.length > 0 || !desk;
  $('waiting-tickets').closest('table').classList.toggle('empty', waitingTickets.length === 0);
}

// ---- the bookings still to come today: read every 20 s, and at once when a booked citizen has checked in ---------

async function loadAppointments() {
  if (!session) return;
  const arrived = waitingTickets.filter((w) => w.priority === 'lich-hen').length;
  if (arrived === appointmentsArrived && Date.now() - appointmentsAt < APPOINTMENTS_EVERY_MS) return;
  appointmentsAt = Date.now();
  appointmentsArrived = arrived;
  try {
    appointments = (await api('api/appointments')).appointments ?? [];
  } catch (error) {
    appointments = []; // a server that takes no bookings, or a lost link (the banner says so): no section
    if (error.status === 401) showLogin(error.message);
  }
  renderAppointments();
}

function renderAppointments() {
  const now = Date.now() + clockOffset;
  const upcoming = appointments.filter((a) => Date.parse(a.end) > now);
  $('appointments').hidden = !desk || upcoming.length === 0;
  const zone = desk?.site?.timeZone || 'Asia/Ho_Chi_Minh';
  const time = (iso) => new Date(Date.parse(iso)).toLocaleTimeString(lang === 'vi' ? 'vi-VN' : 'en-GB',
    { timeZone: zone, hour: '2-digit', minute: '2-digit' });
  const cell = (className, text) => Object.assign(document.createElement('td'), { className, textContent: text });
  $('appointment-rows').replaceChildren(...upcoming.map((a) => {
    const row = document.createElement('tr');
    row.dataset.code = a.code;
    row.append(cell('time', time(a.start)), cell('code', a.code), cell('', serviceName(a.service)));
    return row;
  }));
}

function tick() {
  const ticket = desk?.ticket;
  const timer = $('ticket-timer');
  const since = ticket ? (ticket.startedAt || ticket.calledAt) : null;
  if (!since) {
    timer.textContent = '';
    return;
  }
  const seconds = Math.max(0, Math.floor((Date.now() + clockOffset - Date.parse(since)) / 1000));
  const mm = String(Math.floor(seconds / 60)).padStart(2, '0');
  const ss = String(seconds % 60).padStart(2, '0');
  timer.textContent = `${mm}:${ss}`;
  timer.classList.toggle('long', seconds >= 15 * 60);
}

async function act(action, body = {}) {
  if (busyAction !== null) return false; // one action at a time: a double click must not send a second request
  busyAction = action;
  render();
  say('');
  try {
    const answer = await api(`api/actions/${action}`, { method: 'POST', body: JSON.stringify(body) });
    if (answer.desk) update(answer.desk);
    if (answer.message) sayBoth(answer.message, answer.messageEn, true);
    return true;
  } catch (error) {
    if (error.status === 401) showLogin(error.message);
    else sayBoth(error.vi ?? error.message, error.en, false);
    return false;
  } finally {
    busyAction = null;
    render();
  }
}

function trigger(action) {
  const button = document.querySelector(`[data-action="${action}"]`);
  if (button?.disabled) return;
  if (busyAction !== null) return;
  if (action === 'transfer') openTransfer();
  else if (action === 'no-show') openConfirmNoShow();
  else if (action === 'pause') openPause();
  else if (action === 'call' || action === 'reprint') openCall(action);
  else act(action);
}

function openTransfer() {
  const option = (value, label) => Object.assign(document.createElement('option'), { value, textContent: label });
  $('transfer-service').replaceChildren(option('', t('chooseTarget')),
    ...(desk?.site?.services ?? []).map((s) => option(s.code, `${s.prefix} · ${s.name}`)));
  $('transfer-counter').replaceChildren(option('', t('chooseTarget')),
    ...(desk?.site?.counters ?? []).filter((c) => c.number !== desk.counter)
      .map((c) => option(String(c.number), c.name || `${t('counter')} ${c.number}`)));
  $('transfer-error').textContent = '';
  $('dialog-transfer').showModal();
}

function openConfirmNoShow() {
  if (!desk?.ticket) return;
  $('confirm-text').textContent = t('noShowQuestion', desk.ticket.number);
  $('dialog-confirm').showModal();
}

function openPause() {
  $('pause-reason').value = '';
  $('pause-presets').replaceChildren(...t('presets').map((p) => Object.assign(document.createElement('button'), {
    type: 'button', textContent: p, onclick: () => { $('pause-reason').value = p; },
  })));
  $('dialog-pause').showModal();
  $('pause-reason').focus();
}

function openCall(mode) {
  callMode = mode;
  $('call-title').textContent = mode === 'call' ? t('callSpecific') : t('reprintWhich');
  $('call-number').value = mode === 'reprint' && desk?.ticket ? desk.ticket.number : '';
  $('dialog-call').showModal();
  $('call-number').focus();
}

// ---- USB HID rating keypad ------------------------------------------------------------------------------

// A HID keypad types keys like a keyboard. While the ticket just completed here awaits a rating, a key of the
// counter's keypad (desk.keypadKeys, from the agent's configuration) is sent to the agent, which rates that ticket
// with the same rules as any keypad. Never while the officer types in a field or a dialog is open.
const RATING_DEBOUNCE_MS = 300;
let ratingKeyAt = -Infinity;
let ratingSentFor = null;

function typingIn(target) {
  return target instanceof HTMLElement
    && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

function onRatingKey(event) {
  const keys = desk?.keypadKeys;
  if (!keys || !desk.awaitingRating || event.repeat || event.altKey || event.ctrlKey || event.metaKey) return;
  if (typingIn(event.target) || document.querySelector('dialog[open]')) return;
  const key = /^Numpad[0-9]$/.test(event.code) ? event.code.slice('Numpad'.length) : event.key;
  if (!keys.includes(key)) return;
  event.preventDefault();
  const now = performance.now();
  const bounced = now - ratingKeyAt < RATING_DEBOUNCE_MS;
  ratingKeyAt = now;
  if (bounced || ratingSentFor === desk.awaitingRating) return; // one rating per ticket
  ratingSentFor = desk.awaitingRating;
  api('api/keypad', { method: 'POST', body: JSON.stringify({ key }) }).then((answer) => {
    if (!answer.rating) ratingSentFor = null; // ignored by the agent (logged there): the next key may still rate
  }).catch((error) => {
    ratingSentFor = null;
    if (error.status === 401) showLogin(error.message);
    else sayBoth(error.vi ?? error.message, error.en, false);
  });
}

// ---- live updates ---------------------------------------------------------------------------------------

function connect() {
  if (source) source.close();
  source = new EventSource(`api/events?session=${encodeURIComponent(session)}`);
  source.addEventListener('open', () => { $('banner-agent').hidden = true; });
  source.addEventListener('error', async () => {
    $('banner-agent').hidden = false;
    if (source.readyState === EventSource.CLOSED) {
      // The agent refused the stream (it restarted and forgot the session) or is down: find out which.
      try {
        update(await api('api/desk'));
        setTimeout(connect, 1000);
      } catch (error) {
        if (error.status === 401) showLogin(error.message);
        else setTimeout(connect, 2000);
      }
    }
  });
  source.addEventListener('desk', (e) => update(JSON.parse(e.data)));
  source.addEventListener('rated', (e) => sayText(true, 'rated', JSON.parse(e.data).number));
  source.addEventListener('problem', (e) => {
    const problem = JSON.parse(e.data);
    sayBoth(problem.message, problem.messageEn, false);
  });
  source.addEventListener('signed-out', () => showLogin(t('replaced')));
}

// ---- wiring ---------------------------------------------------------------------------------------------

document.addEventListener('DOMContentLoaded', async () => {
  $('lang').addEventListener('click', () => setLang(lang === 'vi' ? 'en' : 'vi'));
  $('login-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  document.querySelectorAll('[data-action]').forEach((b) => b.addEventListener('click', () => trigger(b.dataset.action)));
  document.querySelectorAll('dialog [data-close]').forEach((b) => b.addEventListener('click', () => b.closest('dialog').close()));
  $('dossier-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const code = $('dossier-code').value.trim();
    if (code && await act('dossier', { code })) $('dossier-code').value = '';
  });
  $('transfer-form').addEventListener('submit', (event) => {
    const service = $('transfer-service').value;
    const counter = $('transfer-counter').value;
    if (!service && !counter) {
      event.preventDefault(); // nothing chosen: keep the dialog open and say what is missing
      $('transfer-error').textContent = t('chooseTransferTarget');
      return;
    }
    const position = document.querySelector('input[name="position"]:checked').value;
    act('transfer', { service: service || null, counter: !service && counter ? Number(counter) : null, position });
    event.target.closest('dialog').close();
  });
  $('confirm-form').addEventListener('submit', () => { act('no-show'); });
  $('pause-form').addEventListener('submit', (event) => {
    act('pause', { reason: $('pause-reason').value });
    event.target.closest('dialog').close();
  });
  $('call-form').addEventListener('submit', (event) => {
    act(callMode, { number: $('call-number').value });
    event.target.closest('dialog').close();
  });
  document.addEventListener('keydown', onRatingKey);
  document.addEventListener('keydown', (event) => {
    if (!event.altKey || !desk || document.querySelector('dialog[open]')) return;
    const key = event.key.toLowerCase();
    if (key === 'm') {
      event.preventDefault();
      $('dossier-code').focus();
    } else if (SHORTCUTS[key]) {
      event.preventDefault();
      trigger(SHORTCUTS[key]);
    }
  });
  setInterval(tick, 1000);
  setInterval(renderWaitingTickets, 15000); // the wait so far, in minutes
  setLang(lang);
  if (!session) {
    showLogin();
    return;
  }
  try {
    openDesk(await api('api/desk'));
  } catch (error) {
    showLogin(error.status === 401 ? '' : error.message);
  }
});
