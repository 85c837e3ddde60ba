// The demo's devices page: shows and drives the in-process simulators through ./api/*.
const $ = (id) => document.getElementById(id);
let lang = 'vi';

function t(vi, en) { return lang === 'vi' ? vi : en; }

function say(message) { $('msg').textContent = message || ''; }

async function call(path, body) {
  const response = await fetch(path, body === undefined ? {} : {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(json.message || `HTTP ${response.status}`);
  return json;
}

function cell(text, className) {
  const td = document.createElement('td');
  if (className) td.className = className;
  td.textContent = text;
  return td;
}

function render(state) {
  const printer = $('printer-state');
  printer.textContent = `${state.printer.description} (${state.printer.state})`;
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
  if (!leds.children.length) leds.innerHTML = `<tr><td class="muted">${t('Chưa hiển thị gì', 'Nothing shown yet')}</td></tr>`;

  const keypads = $('keypads');
  keypads.replaceChildren(...state.counters.map((desk) => {
    const tr = document.createElement('tr');
    tr.append(cell(t(`Quầy ${desk.counter}`, `Counter ${desk.counter}`)));
    const buttons = document.createElement('td');
    for (const button of desk.buttons) {
      const b = document.createElement('button');
      b.textContent = button;
      b.onclick = () => call(`api/keypad/${desk.counter}/${encodeURIComponent(button)}`, {})
        .then((r) => say(t(`Quầy ${desk.counter}: đã bấm ${button} (${r.outcome})`, `Counter ${desk.counter}: pressed ${button} (${r.outcome})`)))
        .catch((e) => say(e.message));
      buttons.append(b);
    }
    tr.append(buttons, cell(desk.awaitingRating ? t('đang chờ đánh giá', 'awaiting a rating') : '', 'muted'));
    return tr;
  }));

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
    say(t(`Đã quét ${text} — xem màn hình ki-ốt`, `Scanned ${text} — look at the kiosk screen`));
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
  button.onclick = () => call('api/printer', { state: button.dataset.printer }).then(refresh).catch((e) => say(e.message));
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
