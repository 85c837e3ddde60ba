// Kiosk page: talks only to its own agent (relative URLs), which talks to the queue server and the printer.
const TEXT = {
  vi: {
    chooseField: 'Mời chọn lĩnh vực cần giải quyết',
    catalogue: 'Thủ tục hành chính',
    scanHint: 'Tra cứu hồ sơ: đưa mã QR hoặc mã vạch trên giấy biên nhận vào máy quét',
    priorityQuestion: 'Quý khách thuộc đối tượng ưu tiên?',
    noPriority: 'Không ưu tiên',
    back: 'Quay lại',
    issuing: 'Đang lấy số…',
    yourNumber: 'Số thứ tự của quý khách',
    priority: 'ƯU TIÊN',
    counters: 'Quầy phục vụ: {0}',
    waiting: 'Số người đang chờ: {0}',
    estimate: 'Dự kiến khoảng {0} phút',
    qrHint: 'Quét mã QR để theo dõi lượt của quý khách trên điện thoại',
    reprint: 'In lại vé',
    done: 'Xong',
    waitingCount: 'Đang chờ: {0}',
    capReached: 'Đã hết số hôm nay',
    fieldClosed: 'Đã ngừng cấp số mới',
    closed: 'Ngoài giờ lấy số',
    agentLost: 'Màn hình mất kết nối với chương trình ki-ốt (trên máy này hoặc máy chủ). Đang kết nối lại…',
    serverLost: 'Mất kết nối với máy chủ xếp hàng. Đang kết nối lại…',
    offlineIssuing: 'Ki-ốt đang cấp số khi mất kết nối máy chủ. Vé vẫn hợp lệ: số thứ tự được xếp theo giờ lấy vé.',
    offlineTicket: 'Vé cấp khi mất kết nối — số thứ tự được xếp theo giờ lấy vé',
    offlineLeft: 'Còn {0} số dự phòng',
    offlineNone: 'Hết số dự phòng',
    printerBanner: '{0}. Vé sẽ hiển thị trên màn hình kèm mã QR.',
    printerOFFLINE: 'Máy in chưa kết nối',
    printerPAPER_OUT: 'Máy in hết giấy',
    printerCOVER_OPEN: 'Nắp máy in đang mở',
    printerERROR: 'Máy in đang bị lỗi',
    printerOther: 'Máy in chưa sẵn sàng',
    scanUnreadable: 'Không đọc được mã, xin thử lại.',
    dossierTitle: 'Tình trạng hồ sơ',
    dossierLoading: 'Đang tra cứu hồ sơ…',
    dossierCode: 'Mã hồ sơ',
    procedure: 'Thủ tục',
    owner: 'Người nộp',
    received: 'Ngày tiếp nhận',
    appointment: 'Ngày hẹn trả',
    newAppointment: 'Ngày hẹn mới',
    status: 'Tình trạng',
    overdue: 'TRỄ HẠN',
    returnPlace: 'Nơi nhận kết quả',
    currentStep: 'Đang ở bước',
    history: 'Quá trình xử lý',
    documents: 'Giấy tờ cần có',
    processingTime: 'Thời hạn giải quyết',
    fee: 'Lệ phí',
    noProcedures: 'Chưa có danh mục thủ tục cho lĩnh vực này.',
    enterPin: 'Nhập mã PIN',
    settings: 'Cài đặt ki-ốt',
    printer: 'Máy in',
    recentTickets: 'Vé vừa lấy',
    reload: 'Tải lại trang',
    close: 'Đóng',
    openingHours: 'Giờ làm việc: {0}',
    hotline: 'Đường dây nóng: {0}',
    notPrinted: 'Chưa in',
    tryAgain: 'Không lấy được số. Vui lòng thử lại.',
    clear: 'Xoá',
    ok: 'OK',
    checkIn: 'Đã đặt lịch hẹn? Nhập mã',
    checkInTitle: 'Xác nhận lịch hẹn',
    checkInHint: 'Nhập mã lịch hẹn 8 ký tự hoặc đưa mã QR của lịch hẹn vào máy quét',
    checkingIn: 'Đang xác nhận lịch hẹn…',
    appointmentOnTime: 'Có lịch hẹn {0}: được phục vụ trước',
    appointmentLate: 'Lịch hẹn {0} đã quá giờ: xếp theo thứ tự',
    backspace: '⌫',
  },
  en: {
    chooseField: 'Please choose a field',
    catalogue: 'Procedures',
    scanHint: 'Dossier status: hold the QR code or barcode of your receipt to the scanner',
    priorityQuestion: 'Do you belong to a priority group?',
    noPriority: 'No priority',
    back: 'Back',
    issuing: 'Taking a number…',
    yourNumber: 'Your number',
    priority: 'PRIORITY',
    counters: 'Counters: {0}',
    waiting: 'People waiting: {0}',
    estimate: 'Estimated wait about {0} min',
    qrHint: 'Scan the QR code to follow your turn on your phone',
    reprint: 'Reprint ticket',
    done: 'Done',
    waitingCount: 'Waiting: {0}',
    capReached: 'No more numbers today',
    fieldClosed: 'No longer issuing numbers',
    closed: 'Outside ticket hours',
    agentLost: 'The screen lost its link to the kiosk program (on this machine or the server). Reconnecting…',
    serverLost: 'Lost connection to the queue server. Reconnecting…',
    offlineIssuing: 'The kiosk is issuing without the server. Tickets stay valid: places follow the time they were taken.',
    offlineTicket: 'Issued offline — your place follows the time you took the ticket',
    offlineLeft: 'Reserve numbers left: {0}',
    offlineNone: 'No reserve numbers left',
    printerBanner: '{0}. Tickets are shown on screen with a QR code.',
    printerOFFLINE: 'The printer is not connected',
    printerPAPER_OUT: 'The printer is out of paper',
    printerCOVER_OPEN: 'The printer cover is open',
    printerERROR: 'The printer has a fault',
    printerOther: 'The printer is not ready',
    scanUnreadable: 'The code could not be read, please try again.',
    dossierTitle: 'Dossier status',
    dossierLoading: 'Looking up the dossier…',
    dossierCode: 'Dossier code',
    procedure: 'Procedure',
    owner: 'Applicant',
    received: 'Received',
    appointment: 'Result due',
    newAppointment: 'New due date',
    status: 'Status',
    overdue: 'OVERDUE',
    returnPlace: 'Collect the result at',
    currentStep: 'Current step',
    history: 'History',
    documents: 'Documents needed',
    processingTime: 'Processing time',
    fee: 'Fee',
    noProcedures: 'No procedures are listed for this field yet.',
    enterPin: 'Enter the PIN',
    settings: 'Kiosk settings',
    printer: 'Printer',
    recentTickets: 'Recent tickets',
    reload: 'Reload page',
    close: 'Close',
    openingHours: 'Opening hours: {0}',
    hotline: 'Hotline: {0}',
    notPrinted: 'Not printed',
    tryAgain: 'Could not take a number. Please try again.',
    clear: 'Clear',
    ok: 'OK',
    checkIn: 'Booked an appointment? Enter the code',
    checkInTitle: 'Appointment check-in',
    checkInHint: 'Type the 8-character booking code or hold its QR code to the scanner',
    checkingIn: 'Checking in…',
    appointmentOnTime: 'Appointment {0}: served first',
    appointmentLate: 'Appointment {0} is late: served in turn',
    backspace: '⌫',
  },
};

// English names of the standard priority groups (the configuration names them in Vietnamese).
const PRIORITY_EN = {
  elderly: 'Older people (60 and over)',
  disabled: 'People with disabilities',
  pregnant: 'Pregnant women',
  'small-child': 'With a child under 6',
  merit: 'People with meritorious service',
};

// The booking code's alphabet: no 0/O, 1/I/L (BookingCode on the server).
const CODE_KEYS = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 8;

const $ = (id) => document.getElementById(id);
const FINISHED_STATES = new Set(['DONE', 'CANCELLED']); // no use printing these again
let lang = 'vi';
let state = null;
let current = null; // {ticket, print}
let homeTimer = null;
let pinValue = '';
// A tap that lands as the screen changes (a double tap, a shaky finger) must not press the next screen's button.
const SCREEN_CHANGE_GUARD_MS = 700;
let guardUntil = 0;
let idleSeconds; // the current screen's idle time, or undefined for the kiosk's setting
// Print outcomes that arrived on the event stream, by ticket id: one may come before the answer that issued the ticket.
const printEvents = new Map();
const PRINT_CHECK_MS = 8000;
let codeValue = '';

function t(key, ...args) {
  const text = TEXT[lang][key] ?? TEXT.vi[key] ?? key;
  return text.replace(/\{(\d)\}/g, (_, i) => args[Number(i)] ?? '');
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node[k] = v;
  }
  for (const child of children.flat(Infinity)) {
    if (child != null) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function requestId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { 'Content-Type': 'application/json', ...(options.headers || {}) },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    // The refusal in the screen's language: "messageEn" in English, "message" (Vietnamese) otherwise (ADR 0043).
    const error = new Error((lang === 'en' && body.messageEn) || body.message || t('tryAgain'));
    error.code = body.error;
    error.status = response.status;
    error.body = body;
    throw error;
  }
  return body;
}

// ---- screens --------------------------------------------------------------------------------------------

function show(name, timeoutSeconds) {
  const previous = document.body.dataset.screen;
  if (previous && previous !== name) guard();
  document.querySelectorAll('.screen').forEach((s) => { s.hidden = s.id !== `screen-${name}`; });
  document.body.dataset.screen = name;
  idleSeconds = timeoutSeconds;
  restartIdleTimer();
}

/** Every screen but the Vietnamese home screen goes back to it after the idle time; English returns to Vietnamese. */
function restartIdleTimer() {
  clearTimeout(homeTimer);
  const name = document.body.dataset.screen;
  if (name !== 'home' || lang !== 'vi') {
    const seconds = idleSeconds ?? state?.homeTimeoutSeconds ?? 30;
    homeTimer = setTimeout(goHome, seconds * 1000);
  }
}

/** Ignores taps for a moment; body[data-guarded] says so (and lets tests wait for a settled screen). */
function guard() {
  guardUntil = performance.now() + SCREEN_CHANGE_GUARD_MS;
  document.body.dataset.guarded = '';
  clearTimeout(guard.timer);
  guard.timer = setTimeout(() => { delete document.body.dataset.guarded; }, SCREEN_CHANGE_GUARD_MS);
}

function swallowGuardedTap(event) {
  if (performance.now() < guardUntil) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}

function goHome() {
  current = null;
  pinValue = '';
  codeValue = '';
  if (lang !== 'vi') setLang('vi');
  show('home');
}

function setLang(next) {
  lang = next;
  document.documentElement.lang = next;
  $('lang').textContent = next === 'vi' ? 'English' : 'Tiếng Việt';
  document.querySelectorAll('[data-i18n]').forEach((node) => { node.textContent = t(node.dataset.i18n); });
  render();
  tick();
  if (current) renderTicket();
  if (document.body.dataset.screen) restartIdleTimer();
}

/** The service's name in the screen's language (the Vietnamese one when the configuration has no English name). */
function serviceName(s) {
  return (lang === 'en' && s?.nameEn) || s?.name || '';
}

// ---- home -----------------------------------------------------------------------------------------------

function services() {
  return state?.site?.services ?? [];
}

function service(code) {
  return services().find((s) => s.code === code);
}

function render() {
  if (!state) return;
  const site = state.site;
  $('site-name').textContent = site?.name ?? '…';
  const offline = state.offline ?? {};
  const issuingOffline = state.connected === false && offline.ready === true;
  $('banner-offline').hidden = state.connected !== false || issuingOffline;
  $('banner-offline-issuing').hidden = !issuingOffline;
  const closed = state.closed;
  $('banner-closed').hidden = !closed;
  if (closed) $('banner-closed').textContent = (lang === 'en' && closed.messageEn) || closed.message;
  const printer = state.printer;
  $('banner-printer').hidden = !printer || printer.usable;
  if (printer && !printer.usable) {
    const words = TEXT.vi[`printer${printer.state}`] ? t(`printer${printer.state}`) : t('printerOther');
    $('banner-printer').textContent = t('printerBanner', words);
  }

  // Update the buttons in place: rebuilding them on every queue change would swallow a tap in progress.
  const capReached = new Set(state.capReached ?? []);
  const fields = $('fields');
  const codes = services().map((s) => s.code).join(',');
  if (fields.dataset.codes !== codes) {
    fields.dataset.codes = codes;
    fields.replaceChildren(...services().map((s) => el('button', {
      class: 'field', type: 'button', dataset: { service: s.code },
      onclick: (event) => chooseField(service(s.code), event.currentTarget),
    }, el('span', { class: 'field-name' }), el('span', { class: 'field-meta' }))));
  }
  for (const button of fields.children) {
    const s = service(button.dataset.service);
    const full = capReached.has(s.code);
    const retired = !!s.closed; // closed for new tickets by the administrator (issue #14)
    const left = issuingOffline ? (offline.remaining?.[s.code] ?? 0) : null;
    const unavailable = full || retired || !!closed || left === 0;
    button.disabled = unavailable;
    button.classList.toggle('unavailable', unavailable);
    button.querySelector('.field-name').textContent = serviceName(s);
    button.querySelector('.field-meta').textContent = closed ? t('closed')
      : retired ? t('fieldClosed')
      : full ? t('capReached')
      : left === 0 ? t('offlineNone')
      : left != null ? t('offlineLeft', left)
      : t('waitingCount', state.waiting?.[s.code] ?? 0);
  }

  const hours = (lang === 'en' && site?.openingHoursEn?.length ? site.openingHoursEn : site?.openingHours) ?? [];
  $('opening-hours').textContent = hours.length ? t('openingHours', hours.join(' · ')) : '';
  $('hotline').textContent = site?.hotline ? t('hotline', site.hotline) : '';
}

function tick() {
  const zone = state?.site?.timeZone || 'Asia/Ho_Chi_Minh';
  $('clock').textContent = new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: zone, weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
  }).format(new Date());
}

// ---- taking a ticket ------------------------------------------------------------------------------------

function chooseField(s, tapped) {
  const categories = state?.site?.priorityCategories ?? [];
  const request = requestId(); // one id per citizen request: a retry never makes a second ticket
  if (categories.length === 0) {
    issue(s.code, null, request);
    return;
  }
  $('priority-field').textContent = serviceName(s);
  $('priorities').replaceChildren(
    el('button', { type: 'button', class: 'none', dataset: { priority: '' }, onclick: () => issue(s.code, null, request) },
      t('noPriority')),
    ...categories.map((c) => el('button', {
      type: 'button', dataset: { priority: c.code }, onclick: () => issue(s.code, c.code, request),
    }, lang === 'en' ? (c.nameEn || PRIORITY_EN[c.code] || c.name) : c.name)),
  );
  // The choices go to the half of the screen away from the field just tapped: a second tap lands on the question.
  const box = tapped?.getBoundingClientRect();
  const tappedLow = box ? box.top + box.height / 2 > window.innerHeight / 2 : false;
  $('screen-priority').classList.toggle('choices-high', tappedLow);
  show('priority');
}

async function issue(serviceCode, priority, request) {
  show('issuing');
  const body = JSON.stringify({ service: serviceCode, priority, requestId: request });
  for (let attempt = 1; ; attempt++) {
    try {
      current = await api('api/tickets', { method: 'POST', body });
      break;
    } catch (error) {
      const agentUnreachable = error.status === undefined;
      if (agentUnreachable && attempt < 4) {
        await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
        continue; // same requestId: the agent and the server give back the same ticket
      }
      refused(error.message || t('tryAgain'));
      return;
    }
  }
  const early = printEvents.get(current.ticket.id);
  if (early && current.print?.stage === 'PRINTING') current.print = early;
  renderTicket();
  show('ticket', printFailed(current.print) ? (state?.homeTimeoutSeconds ?? 30) * 2 : undefined);
  checkPrintLater(current.ticket.id);
}

function printFailed(print) {
  return print?.stage === 'FAILED' || print?.stage === 'REFUSED';
}

/** Asks the agent for the outcome when no event has settled it in time: a lost event must not leave "printing". */
function checkPrintLater(ticketId) {
  setTimeout(async () => {
    if (current?.ticket.id !== ticketId || current.print?.stage !== 'PRINTING') return;
    try {
      const print = await api(`api/tickets/${encodeURIComponent(ticketId)}/print`);
      if (current?.ticket.id === ticketId && print?.stage) {
        current.print = print;
        renderPrint(print);
      }
    } catch (error) {
      console.warn('kiosk: print outcome of', ticketId, 'unknown:', error.message);
    }
    checkPrintLater(ticketId);
  }, PRINT_CHECK_MS);
}

function refused(message) {
  $('refused-message').textContent = message;
  show('refused', 15);
}

function renderTicket() {
  if (!current) return;
  const ticket = current.ticket;
  const s = service(ticket.service);
  $('ticket-number').textContent = ticket.number;
  $('ticket-priority').hidden = !ticket.priority;
  $('ticket-offline').hidden = ticket.channel !== 'kiosk-offline';
  const appointment = current.appointment;
  $('ticket-appointment').hidden = !appointment;
  if (appointment) {
    $('ticket-appointment').textContent = t(appointment.onTime ? 'appointmentOnTime' : 'appointmentLate', appointment.code);
  }
  $('ticket-field').textContent = s ? serviceName(s) : ticket.service;
  const counters = (s?.counters ?? []).map((n) => String(n).padStart(2, '0')).join(', ');
  $('ticket-counters').textContent = counters ? t('counters', counters) : '';
  const waitingLine = [];
  if (ticket.waitingAhead != null) waitingLine.push(t('waiting', ticket.waitingAhead));
  if (ticket.estimatedWaitSeconds != null) {
    waitingLine.push(t('estimate', Math.max(1, Math.round(ticket.estimatedWaitSeconds / 60))));
  }
  $('ticket-waiting').textContent = waitingLine.join(' · ');
  $('ticket-qr').src = `api/tickets/${encodeURIComponent(ticket.id)}/qr.svg`;
  renderPrint(current.print);
}

function renderPrint(print) {
  const status = $('print-status');
  if (!print) {
    // Not printed at this kiosk (a ticket scanned here that came from elsewhere): offer to print it here.
    status.textContent = '';
    status.className = 'print-status';
    delete status.dataset.stage;
    $('reprint').hidden = !current?.ticket || FINISHED_STATES.has(current.ticket.state);
    return;
  }
  status.textContent = lang === 'vi' ? print.message : print.messageEn;
  status.className = `print-status ${print.stage === 'PRINTED' ? 'ok' : print.stage === 'PRINTING' ? '' : 'bad'}`;
  status.dataset.stage = print.stage;
  $('reprint').hidden = !(print.stage === 'FAILED' || print.stage === 'REFUSED');
}

async function reprint(ticketId) {
  try {
    const outcome = await api(`api/tickets/${encodeURIComponent(ticketId)}/reprint`, { method: 'POST', body: '{}' });
    if (current?.ticket.id === ticketId) {
      current.print = outcome;
      renderPrint(outcome);
    }
    return outcome;
  } catch (error) {
    if (current?.ticket.id === ticketId) {
      renderPrint({ stage: 'FAILED', message: error.message, messageEn: error.message });
    }
    return null;
  }
}

// ---- dossier status -------------------------------------------------------------------------------------

function formatDate(text) {
  if (!text) return '';
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return text;
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: state?.site?.timeZone || 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric',
  }).format(date);
}

async function openDossier(code) {
  const box = $('dossier');
  box.replaceChildren(el('p', { class: 'message' }, t('dossierLoading')));
  show('dossier', (state?.homeTimeoutSeconds ?? 30) * 2);
  try {
    const d = await api(`api/dossiers/${encodeURIComponent(code)}`);
    const rows = [
      [t('dossierCode'), d.code],
      [t('procedure'), d.procedure],
      [t('owner'), d.owner],
      [t('received'), formatDate(d.receivedAt)],
      [t('appointment'), formatDate(d.appointmentAt)],
    ];
    if (d.rescheduledAppointmentAt) {
      rows.push([t('newAppointment'), formatDate(d.rescheduledAppointmentAt), d.overdue ? 'overdue' : '']);
    }
    if (d.currentStep) rows.push([t('currentStep'), d.currentStep]);
    if (d.returnPlace) rows.push([t('returnPlace'), d.returnPlace]);
    const status = el('div', { class: 'status' }, d.status?.name ?? '');
    if (d.overdue) {
      status.append(' · ', el('span', { class: 'overdue', id: 'dossier-overdue' }, t('overdue')));
    }
    const history = (d.history ?? []).map((h) => el('li', {}, `${formatDate(h.at)}: ${h.description ?? ''}${h.unit ? ` (${h.unit})` : ''}`));
    box.replaceChildren(
      status,
      el('dl', {}, rows.filter(([, v]) => v).map(([k, v, cls]) => [el('dt', {}, k), el('dd', { class: cls || '' }, v)])),
      history.length ? el('div', {}, el('h2', {}, t('history')), el('ol', {}, history)) : null,
    );
  } catch (error) {
    box.replaceChildren(el('p', { class: 'message', id: 'dossier-error' }, error.message));
  }
}

async function handleScan(raw) {
  try {
    const scan = await api('api/scans', { method: 'POST', body: JSON.stringify({ payload: raw }) });
    handleScanResult(scan);
  } catch (error) {
    refused(error.message);
  }
}

function handleScanResult(scan) {
  if (scan.kind === 'appointment') checkIn(scan.code);
  else if (scan.kind === 'dossier') openDossier(scan.code);
  else if (scan.kind === 'ticket') openTicketStatus(scan.ticketId);
  else refused(t('scanUnreadable')); // the technician's hint (input method on…) is in the agent's log
}

async function openTicketStatus(ticketId) {
  // A citizen scanned their own queue ticket: show it again, with a reprint button if it was not printed here.
  try {
    const ticket = await fetchTicket(ticketId);
    const print = await api(`api/tickets/${encodeURIComponent(ticketId)}/print`).catch(() => null);
    current = { ticket, print };
    renderTicket();
    show('ticket');
  } catch (error) {
    refused(error.message);
  }
}

async function fetchTicket(ticketId) {
  return api(`api/tickets/${encodeURIComponent(ticketId)}`);
}

// A keyboard-wedge scanner types fast and ends with Enter; people type slowly. Classify by the gaps.
const wedge = { chars: [], last: 0 };
function onKey(event) {
  if (event.target instanceof HTMLInputElement) return;
  const now = performance.now();
  if (now - wedge.last > 80) wedge.chars = [];
  wedge.last = now;
  if (event.key === 'Enter') {
    const payload = wedge.chars.join('');
    wedge.chars = [];
    if (payload.length >= 6) {
      event.preventDefault();
      handleScan(payload);
    }
  } else if (event.key.length === 1) {
    wedge.chars.push(event.key);
  }
}

// ---- appointment check-in ------------------------------------------------------------------------------

function openCheckIn() {
  codeValue = '';
  const keys = [...CODE_KEYS, 'backspace', 'ok'];
  $('checkin-pad').replaceChildren(...keys.map((k) => el('button', {
    type: 'button',
    class: k === 'ok' ? 'key-ok primary' : k.length > 1 ? `key-${k}` : 'key',
    dataset: { key: k },
    onclick: () => {
      if (k === 'backspace') codeValue = codeValue.slice(0, -1);
      else if (k === 'ok') { if (codeValue.length === CODE_LENGTH) checkIn(codeValue); return; }
      else if (codeValue.length < CODE_LENGTH) codeValue += k;
      renderCode();
    },
  }, k.length > 1 ? t(k) : k)));
  renderCode();
  show('checkin', 60);
}

function renderCode() {
  $('checkin-code').textContent = codeValue.padEnd(CODE_LENGTH, '·');
  const ok = document.querySelector('#checkin-pad [data-key=ok]');
  if (ok) ok.disabled = codeValue.length !== CODE_LENGTH;
}

async function checkIn(code) {
  $('screen-issuing').querySelector('.big-wait').textContent = t('checkingIn');
  show('issuing');
  try {
    const answer = await api('api/check-in', { method: 'POST', body: JSON.stringify({ code }) });
    current = { ticket: answer.ticket, print: answer.print, appointment: { code, onTime: answer.ticket.priority != null } };
  } catch (error) {
    refused(error.message || t('tryAgain'));
    return;
  } finally {
    $('screen-issuing').querySelector('.big-wait').textContent = t('issuing');
  }
  const early = printEvents.get(current.ticket.id);
  if (early && current.print?.stage === 'PRINTING') current.print = early;
  renderTicket();
  show('ticket', printFailed(current.print) ? (state?.homeTimeoutSeconds ?? 30) * 2 : undefined);
  checkPrintLater(current.ticket.id);
}

// ---- catalogue ------------------------------------------------------------------------------------------

function openCatalogue() {
  $('catalogue-fields').replaceChildren(...services().map((s) => el('button', {
    class: 'field', type: 'button', dataset: { service: s.code }, onclick: () => showProcedures(s),
  }, el('span', { class: 'field-name' }, serviceName(s)))));
  $('catalogue-procedures').replaceChildren();
  show('catalogue', 120);
}

function showProcedures(s) {
  const procedures = s.procedures ?? [];
  $('catalogue-procedures').replaceChildren(
    el('h2', {}, serviceName(s)),
    ...(procedures.length === 0 ? [el('p', {}, t('noProcedures'))] : procedures.map((p) => el('div', { class: 'procedure' },
      el('h3', {}, p.name),
      p.documents?.length ? el('div', {}, el('strong', {}, `${t('documents')}:`), el('ul', {}, p.documents.map((d) => el('li', {}, d)))) : null,
      el('div', { class: 'facts' },
        p.processingTime ? el('span', {}, `${t('processingTime')}: ${p.processingTime}`) : null,
        p.fee ? el('span', {}, `${t('fee')}: ${p.fee}`) : null),
    ))),
  );
  show('catalogue', 120);
}

// ---- settings behind a PIN ------------------------------------------------------------------------------

function openPin() {
  pinValue = '';
  $('pin').value = '';
  $('pin-error').textContent = '';
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', t('clear'), '0', t('ok')];
  $('pin-pad').replaceChildren(...keys.map((k) => el('button', {
    type: 'button',
    onclick: () => {
      if (k === t('clear')) pinValue = '';
      else if (k === t('ok')) unlock();
      else if (pinValue.length < 8) pinValue += k;
      $('pin').value = pinValue;
    },
  }, k)));
  show('pin', 30);
}

async function unlock() {
  try {
    const settings = await api('api/settings/unlock', { method: 'POST', body: JSON.stringify({ pin: $('pin').value }) });
    $('settings-printer').textContent = settings.state.printer.description;
    $('recent').replaceChildren(...settings.recent.map((r) => el('tr', {},
      el('td', {}, r.number),
      el('td', {}, service(r.service) ? serviceName(service(r.service)) : r.service),
      el('td', {}, r.print ? (lang === 'vi' ? r.print.message : r.print.messageEn) : t('notPrinted')),
      el('td', {}, el('button', { type: 'button', onclick: () => reprint(r.id).then(unlockAgain) }, t('reprint'))),
    )));
    show('settings', 120);
  } catch (error) {
    $('pin-error').textContent = error.message;
  }
}

function unlockAgain() {
  unlock();
}

// ---- live state from the agent --------------------------------------------------------------------------

let source = null;
let reconnectDelay = 1000;

function connect() {
  if (source) source.close();
  const stream = new EventSource('api/events');
  source = stream;
  stream.addEventListener('open', () => {
    $('banner-agent').hidden = true;
    reconnectDelay = 1000;
  });
  stream.addEventListener('error', () => {
    $('banner-agent').hidden = false;
    // A dropped connection is retried by the browser; a refused one (the agent answered 404/503 while it or the demo
    // restarts) closes the EventSource for good. Open a new one after a growing pause, up to 30 s.
    if (stream === source && stream.readyState === EventSource.CLOSED) {
      setTimeout(connect, reconnectDelay);
      reconnectDelay = Math.min(reconnectDelay * 2, 30000);
    }
  });
  stream.addEventListener('state', (e) => {
    const next = JSON.parse(e.data);
    if (!('site' in next)) next.site = state?.site; // sent only when it changes
    state = next;
    render();
    tick();
  });
  stream.addEventListener('print', (e) => {
    const print = JSON.parse(e.data);
    printEvents.set(print.ticketId, print);
    if (printEvents.size > 20) printEvents.delete(printEvents.keys().next().value);
    if (current && current.ticket.id === print.ticketId) {
      const failedNow = printFailed(print) && !printFailed(current.print);
      current.print = print;
      renderPrint(print);
      if (failedNow && document.body.dataset.screen === 'ticket') show('ticket', (state?.homeTimeoutSeconds ?? 30) * 2);
    }
  });
  stream.addEventListener('scan', (e) => handleScanResult(JSON.parse(e.data)));
}

document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('[data-go-home]').forEach((b) => b.addEventListener('click', goHome));
  $('lang').addEventListener('click', () => setLang(lang === 'vi' ? 'en' : 'vi'));
  $('reprint').addEventListener('click', () => current && reprint(current.ticket.id));
  $('open-catalogue').addEventListener('click', openCatalogue);
  $('open-checkin').addEventListener('click', openCheckIn);
  $('open-settings').addEventListener('click', openPin);
  $('reload').addEventListener('click', () => location.reload());
  document.addEventListener('keydown', onKey);
  window.addEventListener('click', swallowGuardedTap, true);
  window.addEventListener('pointerdown', (event) => {
    swallowGuardedTap(event);
    if (!event.defaultPrevented) restartIdleTimer();
  }, true);
  setLang('vi');
  show('home');
  connect();
  setInterval(tick, 15000);
});
