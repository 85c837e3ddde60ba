// The board page: reads config.json, the site's public description and its event stream, renders, and speaks.
import { AnnouncementQueue, BoardState, ClipPlayer } from './board-logic.js';

const TEXT = {
  vi: {
    title: 'Bảng hiển thị số thứ tự',
    counters: 'Các quầy',
    counter: 'Quầy',
    field: 'Lĩnh vực',
    serving: 'Đang phục vụ',
    latest: 'Mời số',
    toCounter: (n) => `đến quầy ${n}`,
    recent: 'Các số vừa gọi',
    waiting: 'Đang chờ',
    offline: 'mất kết nối',
    unknownSite: (site) => `Không tìm thấy trung tâm “${site}”: kiểm tra mục site trong cấu hình bảng`,
    enableSound: 'Bấm để bật âm thanh',
    paused: 'Tạm dừng',
    closed: 'Chưa mở',
    page: (p, n) => `Trang ${p}/${n}`,
    switchTo: 'EN',
    locale: 'vi-VN',
  },
  en: {
    title: 'Queue display',
    counters: 'Counters',
    counter: 'Counter',
    field: 'Field',
    serving: 'Now serving',
    latest: 'Now calling',
    toCounter: (n) => `to counter ${n}`,
    recent: 'Recent calls',
    waiting: 'Waiting',
    offline: 'connection lost',
    unknownSite: (site) => `No site “${site}” on the server: check the board's site setting`,
    enableSound: 'Tap to enable sound',
    paused: 'Paused',
    closed: 'Closed',
    page: (p, n) => `Page ${p}/${n}`,
    switchTo: 'VI',
    locale: 'en-GB',
  },
};

// Rows of 80 px fit seven to a page at the sizes readable from 10 m (docs/board.md); more counters turn pages.
const ROWS_PER_PAGE = 7;
const PAGE_SECONDS = 10;
const RETRY_MAX_MS = 10000;

const $ = (id) => document.getElementById(id);

class Board {
  constructor(config) {
    this.config = config;
    // One queue server, or the nodes of a cluster separated by commas: the board uses one and moves to the next when
    // it cannot load the site or loses its live stream (docs/scale-out.md).
    this.servers = String(config.server || '').split(',').map((url) => url.trim().replace(/\/+$/, ''));
    this.serverIndex = 0;
    this.resyncing = false;
    this.highlightMs = (config.highlightSeconds || 20) * 1000;
    this.language = new URLSearchParams(location.search).get('lang')
      || localStorage.getItem('xephang.board.language') || config.language || 'vi';
    this.site = null;
    this.state = new BoardState({ recentMs: this.highlightMs });
    this.highlight = null; // { call, until }
    this.connected = false;
    this.socket = null;
    this.retries = 0;
    this.page = 0;
    this.log = [];
    this.player = new ClipPlayer(config.clips || 'clips/', { onError: (e) => this.warn('clip', e) });
    this.queue = new AnnouncementQueue((a) => this.player.play(a), {
      onBlocked: (blocked) => { if (blocked) this.showSoundPrompt(); },
      onError: (e) => this.warn('announcement', e),
    });
  }

  /** The server in use: '' when the page is served by the queue server itself. */
  get apiBase() {
    return this.servers[this.serverIndex];
  }

  /**
   * The server in use failed: the next one of the list is used, at once while some server of this round of failures
   * was not tried yet, after the usual backoff when every one failed.
   */
  nextServer(failures) {
    this.serverIndex = (this.serverIndex + 1) % this.servers.length;
    return this.servers.length > 1 && (failures + 1) % this.servers.length !== 0 ? 50 : backoff(failures);
  }

  /** Shows the prompt when audio cannot start by itself. */
  async checkSound() {
    const context = this.player.audioContext();
    if (context.state !== 'running') {
      await Promise.race([context.resume().catch(() => {}), sleep(300)]);
    }
    if (context.state !== 'running') {
      this.showSoundPrompt();
    }
  }

  showSoundPrompt() {
    $('sound').hidden = false;
  }

  async enableSound() {
    if ($('sound').hidden) {
      return;
    }
    await this.player.audioContext().resume();
    if (this.player.audioContext().state === 'running') {
      $('sound').hidden = true;
      this.queue.unblock();
    }
  }

  t(key, ...args) {
    const value = TEXT[this.language][key];
    return typeof value === 'function' ? value(...args) : value;
  }

  warn(what, error) {
    console.warn(`board ${what}:`, error && error.message ? error.message : error);
  }

  async start() {
    $('language').addEventListener('click', () => this.switchLanguage());
    // Browsers keep audio off until someone touches the page (unless started with
    // --autoplay-policy=no-user-gesture-required, see docs/board.md): say so at start, in the header, and let a
    // touch anywhere on the screen switch it on.
    for (const type of ['pointerdown', 'keydown']) {
      document.addEventListener(type, () => this.enableSound(), true);
    }
    this.checkSound();
    this.applyLanguage();
    this.tick();
    setInterval(() => this.tick(), 1000);
    setInterval(() => { this.page += 1; this.renderCounters(); }, PAGE_SECONDS * 1000);
    await this.loadSite();
    this.connect();
  }

  async loadSite() {
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await fetch(`${this.apiBase}/api/v1/sites/${encodeURIComponent(this.config.site)}`);
        if (response.status === 404) {
          $('site-name').textContent = this.t('unknownSite', this.config.site);
        }
        if (!response.ok) {
          throw new Error(`HTTP ${response.status}`);
        }
        this.site = await response.json();
        $('site-name').textContent = this.site.name || this.site.code;
        $('site-name').classList.toggle('long', $('site-name').textContent.length > 40);
        $('notice').textContent = this.config.notice || this.site.notice || '';
        return;
      } catch (error) {
        this.setConnected(false);
        this.warn('site', error);
        await sleep(this.nextServer(attempt));
      }
    }
  }

  connect() {
    const url = new URL(`${this.apiBase}/api/v1/sites/${encodeURIComponent(this.config.site)}/events`, location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    this.socket = socket;
    let first = true;
    socket.onmessage = (message) => {
      let data;
      try {
        data = JSON.parse(message.data);
      } catch (error) {
        this.warn('message', error);
        return;
      }
      if (first || data.type === 'snapshot') {
        first = false;
        this.retries = 0;
        this.setConnected(true);
        this.onSnapshot(data);
      } else {
        this.onEvent(data);
      }
    };
    socket.onclose = () => {
      if (this.socket !== socket) {
        return;
      }
      this.socket = null;
      this.setConnected(false);
      const resyncing = this.resyncing;
      this.resyncing = false;
      const failures = this.retries++;
      setTimeout(() => this.connect(), resyncing ? backoff(failures) : this.nextServer(failures));
    };
    socket.onerror = () => socket.close();
  }

  /** Drops the connection and reconnects at once: the next snapshot resynchronises the board. */
  resync() {
    if (this.socket) {
      this.resyncing = true; // the server is fine: start again from its snapshot
      this.socket.close();
    }
  }

  onSnapshot(snapshot) {
    const fresh = this.state.applySnapshot(snapshot);
    for (const call of fresh) {
      this.highlightCall(call);
      this.log.push({ kind: 'resync-call', number: call.number, counter: call.counter });
    }
    this.render();
    this.announceMissed(fresh);
  }

  /** Announces, in order, calls made while the board was disconnected (their events never reached it). */
  async announceMissed(calls) {
    const built = calls.map((call) => {
      const params = new URLSearchParams({ number: call.number, counter: call.counter });
      if (this.site && this.site.announcement) {
        params.set('options', JSON.stringify(this.site.announcement));
        params.set('service', this.serviceName(call.service));
      }
      return fetch(`announcement?${params}`).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))));
    });
    for (const announcement of built) {
      try {
        this.queue.enqueue(await announcement);
      } catch (error) {
        this.warn('missed call announcement', error);
      }
    }
  }

  onEvent(event) {
    const result = this.state.applyEvent(event);
    if (result.gap) {
      this.warn('stream', `gap before seq ${event.seq}; resynchronising`);
      this.resync();
      return;
    }
    if (result.call) {
      this.highlightCall(result.call);
      this.log.push({ kind: event.type, seq: event.seq, number: result.call.number, counter: result.call.counter });
      if (result.announcement) {
        this.queue.enqueue(result.announcement);
      }
    }
    if (result.refreshWaiting) {
      this.refreshWaiting();
    }
    if (result.siteChanged) {
      this.siteChanged();
    }
    this.render();
  }

  /** The site's configuration was saved: new fields, counters, names and notice show without reloading the page. */
  async siteChanged() {
    await this.loadSite();
    this.resync();
  }

  async refreshWaiting() {
    try {
      const response = await fetch(`${this.apiBase}/api/v1/sites/${encodeURIComponent(this.config.site)}/queue`);
      if (response.ok) {
        this.state.applyWaiting(await response.json());
        this.renderWaiting();
      }
    } catch (error) {
      this.warn('waiting', error);
    }
  }

  /** Highlights a call and turns the counter list to the page that shows its counter. */
  highlightCall(call) {
    this.highlight = { call, until: Date.now() + this.highlightMs };
    const numbers = [...this.state.counters.keys()].sort((a, b) => a - b);
    const index = numbers.indexOf(call.counter);
    if (index >= 0) {
      this.page = Math.floor(index / ROWS_PER_PAGE);
    }
  }

  setConnected(connected) {
    this.connected = connected;
    $('offline').hidden = connected;
  }

  switchLanguage() {
    this.language = this.language === 'vi' ? 'en' : 'vi';
    localStorage.setItem('xephang.board.language', this.language);
    this.applyLanguage();
    this.tick();
    this.render();
  }

  applyLanguage() {
    document.documentElement.lang = this.language;
    for (const element of document.querySelectorAll('[data-text]')) {
      element.textContent = this.t(element.dataset.text);
    }
    $('language').textContent = this.t('switchTo');
  }

  tick() {
    const zone = (this.site && this.site.timeZone) || 'Asia/Ho_Chi_Minh';
    const now = new Date();
    $('clock-time').textContent = new Intl.DateTimeFormat('vi-VN', {
      timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
    }).format(now);
    $('clock-date').textContent = new Intl.DateTimeFormat(this.t('locale'), {
      timeZone: zone, weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric',
    }).format(now);
    if (this.highlight && Date.now() > this.highlight.until) {
      this.highlight = null;
      this.render();
    }
  }

  serviceName(code) {
    const service = this.site && (this.site.services || []).find((s) => s.code === code);
    const queue = this.state.waiting.get(code);
    const english = this.language === 'en' && service && service.nameEn;
    return english || (service && service.name) || (queue && queue.name) || code || '';
  }

  render() {
    this.renderCounters();
    this.renderLatest();
    this.renderRecent();
    this.renderWaiting();
  }

  renderCounters() {
    const counters = [...this.state.counters.values()].sort((a, b) => a.number - b.number);
    const pages = Math.max(1, Math.ceil(counters.length / ROWS_PER_PAGE));
    const page = this.page % pages;
    const highlighted = this.highlight && this.highlight.call.counter;
    const rows = counters.slice(page * ROWS_PER_PAGE, (page + 1) * ROWS_PER_PAGE).map((counter) => {
      const ticket = counter.ticket;
      const li = element('li', '', [
        element('span', 'counter-number', counter.number),
        element('span', 'counter-field', this.counterField(counter)),
        element('span', 'counter-ticket', ticket ? ticket.number : '—'),
      ]);
      li.dataset.counter = counter.number;
      li.classList.toggle('idle', !ticket);
      li.classList.toggle('paused', counter.state === 'PAUSED');
      li.classList.toggle('called', highlighted === counter.number && !!ticket);
      return li;
    });
    $('counter-rows').replaceChildren(...rows);
    $('counter-page').textContent = pages > 1 ? this.t('page', page + 1, pages) : '';
  }

  counterField(counter) {
    if (counter.state === 'PAUSED') {
      return this.t('paused');
    }
    if (counter.ticket) {
      return this.serviceName(counter.ticket.service);
    }
    if (counter.state === 'CLOSED') {
      return this.t('closed');
    }
    return (counter.services || []).map((code) => this.serviceName(code)).join(', ');
  }

  renderLatest() {
    const call = this.highlight ? this.highlight.call : this.state.lastCalls[0];
    $('latest').classList.toggle('new', !!this.highlight);
    $('latest-number').textContent = call ? call.number : '—';
    $('latest-counter').textContent = call ? this.t('toCounter', call.counter) : '\u00a0';
  }

  renderRecent() {
    const items = this.state.lastCalls.map((call) => {
      const li = element('li', '', [
        element('span', 'recent-number', call.number),
        element('span', 'recent-counter', `→ ${call.counter}`),
      ]);
      li.dataset.ticket = call.ticketId;
      return li;
    });
    $('recent-calls').replaceChildren(...items);
  }

  renderWaiting() {
    const items = [...this.state.waiting.values()].map((queue) => element('li', '', [
      element('span', 'waiting-prefix', queue.prefix || queue.code),
      element('span', 'waiting-count', queue.waiting),
      element('span', 'waiting-name', this.serviceName(queue.code)),
    ]));
    $('waiting-list').replaceChildren(...items);
  }
}

function element(tag, className, content) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (Array.isArray(content)) {
    node.append(...content);
  } else {
    node.textContent = String(content);
  }
  return node;
}

function backoff(attempt) {
  const base = Math.min(RETRY_MAX_MS, 500 * 2 ** Math.min(attempt, 5));
  return base / 2 + Math.random() * base / 2;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Scales the 1920×1080 stage to the window, keeping its proportions. */
function fitToScreen() {
  const scale = Math.min(window.innerWidth / 1920, window.innerHeight / 1080);
  const left = (window.innerWidth - 1920 * scale) / 2;
  const top = (window.innerHeight - 1080 * scale) / 2;
  $('stage').style.transform = `translate(${left}px, ${top}px) scale(${scale})`;
}

async function main() {
  fitToScreen();
  window.addEventListener('resize', fitToScreen);
  let config;
  for (let attempt = 0; !config; attempt++) {
    try {
      const response = await fetch('config.json', { cache: 'no-store' });
      if (!response.ok) {
        throw new Error(`HTTP ${response.status}`);
      }
      config = await response.json();
    } catch (error) {
      console.warn('board config:', error.message);
      $('offline').hidden = false;
      await sleep(backoff(attempt));
    }
  }
  const board = new Board(config);
  window.xephangBoard = board; // for diagnostics and the browser tests
  await board.start();
}

main();
