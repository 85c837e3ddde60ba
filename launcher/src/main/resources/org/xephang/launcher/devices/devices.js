// The demo's devices page: shows and drives the in-process simulators through ./api/*.
const $ = (id) => document.getElementById(id);
let lang = 'vi';

function t(vi, en) { return lang === 'vi' ? vi : en; }

/** Shows the outcome of the last action: 'ok' (green), 'info' (grey) or 'bad' (red). */
function say(message, kind = 'bad') {
  $('msg').textContent = message || '';
  $('msg').className = kind;
}

async function call(path, body) {
  const response = await fetch(path, body === undefined ? {} : {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(t(json.message, json.messageEn || json.message) || `HTTP ${response.status}`);
  return json;
}

function cell(text, className) {
  const td = document.createElement('td');
  if (className) td.className = className;
  td.textContent = text;
  return td;
}

// The printer's state in words (the raw state code is for logs, not for this page).
const PRINTER_STATES = {
  ONLINE: ['Sẵn sàng', 'Ready'], PAPER_NEAR_END: ['Sắp hết giấy', 'Paper low'], PAPER_OUT: ['Hết giấy', 'Out of paper'],
  COVER_OPEN: ['Nắp máy in đang mở', 'Cover open'], OFFLINE: ['Mất kết nối', 'Not connected'], ERROR: ['Bị lỗi', 'Fault'],
};

function render(state) {
  const printer = $('printer-state');
  const words = PRINTER_STATES[state.printer.state];
  printer.textContent = words ? t(...words) : state.printer.description;
  printer.className = 'state ' + (state.printer.state === 'ONLINE' ? 'good' : 'bad');

  const jobs = $('jobs');
  const shownJobs = [...jobs.querySelectorAll('img')].map((img) => img.dataset.job).join();
  if (shownJobs !== state.printer.jobs.join()) {
    jobs.replaceChildren(...state.printer.jobs.map((job) => {
      const a = document.createElement('a');
      a.href = `printed/${job}`;
      a.target = '_blank';
      const img = document.createElement('img');
      img.src = `printed/${job}`;
      img.alt = job;
      img.dataset.job = job;
      a.append(img);
      return a;
    }));
  }

  const leds = $('leds');
  leds.replaceChildren(...Object.entries(state.led).map(([address, text]) => {
    const tr = document.createElement('tr');
    const line = Number(address) - state.summaryAddress + 1;
    const label = line >= 1 && line <= state.summaryLines
      ? t(`Bảng tổng hợp, dòng ${line}`, `Summary board, line ${line}`)
      : t(`Quầy ${address}`, `Counter ${address}`);
    tr.append(cell(label), cell(text.length ? text : '—', 'led'));
    return tr;
  }));
  if (!leds.children.length) {
    const tr = document.createElement('tr');
    tr.append(cell(t('Chưa hiển thị gì', 'Nothing shown yet'), 'muted'));
    leds.append(tr);
  }

  // The keypad rows are built once per set of counters and buttons, then only their status text changes: a row
  // rebuilt every second would swallow a click that lands during the rebuild.
  const keypads = $('keypads');
  const layout = JSON.stringify([lang, state.counters.map((desk) => [desk.counter, desk.buttons])]);
  if (keypads.dataset.layout !== layout) {
    keypads.dataset.layout = layout;
    keypads.replaceChildren(...state.counters.map((desk) => {
      const tr = document.createElement('tr');
      tr.dataset.counter = desk.counter;
      tr.append(cell(t(`Quầy ${desk.counter}`, `Counter ${desk.counter}`)));
      const buttons = document.createElement('td');
      for (const button of desk.buttons) {
        const b = document.createElement('button');
        b.type = 'button';
        b.textContent = button;
        b.onclick = () => call(`api/keypad/${desk.counter}/${encodeURIComponent(button)}`, {})
          .then((r) => say(t(r.message, r.messageEn), r.rated ? 'ok' : 'info'))
          .catch((e) => say(e.message));
        buttons.append(b);
      }
      tr.append(buttons, cell('', 'muted awaiting'));
      return tr;
    }));
  }
  for (const desk of state.counters) {
    const row = keypads.querySelector(`tr[data-counter="${desk.counter}"] .awaiting`);
    if (row) row.textContent = desk.awaitingRating ? t('đang chờ đánh giá', 'awaiting a rating') : '';
  }

  const dossiers = $('dossiers');
  if (dossiers.children.length !== state.dossiers.length) {
    dossiers.replaceChildren(...state.dossiers.map((d) => {
      const div = document.createElement('div');
      div.className = 'dossier';
      const img = document.createElement('img');
      img.src = `api/qr?text=${encodeURIComponent(d.code)}`;
      img.alt = d.code;
      const text = document.createElement('div');
      const b = document.createElement('button');
      b.textContent = t('Quét', 'Scan');
      b.onclick = () => scan(d.code);
      text.append(Object.assign(document.createElement('div'), { textContent: d.code }),
        Object.assign(document.createElement('div'), { className: 'muted', textContent: d.label }), b);
      div.append(img, text);
      return div;
    }));
  }
}

async function scan(text) {
  try {
    await call('api/scan', { text });
    say(t(`Đã quét ${text} — xem màn hình ki-ốt`, `Scanned ${text} — look at the kiosk screen`), 'ok');
  } catch (e) { say(e.message); }
}

async function refresh() {
  try {
    render(await call('api/state'));
  } catch (e) {
    say(t('Mất kết nối với máy chủ demo', 'Lost the connection to the demo server'));
  }
}

for (const button of document.querySelectorAll('[data-printer]')) {
  button.onclick = () => call('api/printer', { state: button.dataset.printer })
    .then(() => { say(t(`Máy in: ${button.dataset.vi}`, `Printer: ${button.dataset.en}`), 'ok'); return refresh(); })
    .catch((e) => say(e.message));
}
$('scan-form').onsubmit = (event) => { event.preventDefault(); scan($('scan-text').value.trim()); };
$('lang').onclick = () => {
  lang = lang === 'vi' ? 'en' : 'vi';
  document.documentElement.lang = lang;
  $('lang').textContent = lang === 'vi' ? 'English' : 'Tiếng Việt';
  for (const el of document.querySelectorAll('[data-vi]')) el.textContent = el.dataset[lang];
  document.querySelector('#dossiers').replaceChildren();
  refresh();
};

refresh();
setInterval(refresh, 1000);
