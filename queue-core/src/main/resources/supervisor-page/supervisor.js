"use strict";
// The supervisor's live view: signs in (SUPERVISOR or ADMIN), follows the site's event stream and, after every burst
// of events, reads the queue (public), the waiting list (staff) and today's figures (managers). No reload needed.
const $ = id => document.getElementById(id);
const MANAGER_ROLES = ["SUPERVISOR", "ADMIN"];
const FIGURES_EVERY_MS = 5000;
let lang = localStorage.getItem("xephang.lang") === "en" ? "en" : "vi";
let site = null;          // the site's description (names, thresholds)
let snapshot = null;      // the last queue snapshot
let waiting = [];         // the waiting tickets
let today = null;         // today's statistics
let clockOffset = 0;      // server time − browser time
let source = null;
let refreshTimer = null;
let figuresTimer = null;
let figuresAt = 0;
const devices = new Map();     // device id → {device, kind, state, detail, since, lastSeen} (GET …/devices, then events)
let bookings = null;          // the chosen day's bookings (GET …/appointments?date=): full names, masked phones
let bookingsDay = null;       // that day, YYYY-MM-DD in the site's time zone (today unless chosen)

function t(vi, en) { return lang === "vi" ? vi : en; }
/** A status line in both languages (said.js): a language switch says it again. */
function say(node, vi, en) { XephangSaid.say(node, lang, vi, en); }
function now() { return Date.now() + clockOffset; }
function decimal(value, digits) { return value.toFixed(digits).replace(".", lang === "vi" ? "," : "."); }
function minutesSince(iso) { return Math.max(0, Math.floor((now() - Date.parse(iso)) / 60000)); }
function duration(iso) {
  const seconds = Math.max(0, Math.floor((now() - Date.parse(iso)) / 1000));
  const h = Math.floor(seconds / 3600);
  const m = String(Math.floor((seconds % 3600) / 60)).padStart(2, "0");
  const s = String(seconds % 60).padStart(2, "0");
  return h > 0 ? `${h}:${m}:${s}` : `${m}:${s}`;
}
function minutesText(minutes) { return minutes < 1 ? t("< 1 phút", "< 1 min") : t(`${minutes} phút`, `${minutes} min`); }
function thresholds() {
  return Object.assign({ waitAlertMinutes: 30, pauseAlertMinutes: 15 }, site?.supervision || {});
}
function serviceName(code) { return site?.services?.find(s => s.code === code)?.name ?? code; }
function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter(c => c !== null && c !== undefined));
  return node;
}

function applyLanguage() {
  document.documentElement.lang = lang;
  document.querySelectorAll("[data-vi]").forEach(node => { node.textContent = node.dataset[lang]; });
  $("lang").textContent = lang === "vi" ? "English" : "Tiếng Việt";
  XephangSaid.again(lang);
  renderLive();
  render();
  renderBookings();
}

const api = XephangStaffApi.create({
  tokenKey: "xephang.supervisor.token",
  text: t,
  unreachable: () => t("Không kết nối được máy chủ. Đang thử lại…", "Cannot reach the server. Retrying…"),
  signedOut: message => signedOut(message),
});

// ---- sign-in --------------------------------------------------------------------------------------------------

async function signIn(event) {
  event.preventDefault();
  $("error").textContent = "";
  const code = $("site").value.trim();
  try {
    const body = await XephangStaffApi.login(api);
    if (!MANAGER_ROLES.includes(body.role)) {
      say($("error"), "Tài khoản này không được xem màn hình giám sát. Vui lòng đăng nhập bằng tài khoản giám sát hoặc quản trị.",
        "This account may not use the live view. Please sign in as a supervisor or an administrator.");
      return;
    }
    sessionStorage.setItem("xephang.supervisor.token", body.token);
    localStorage.setItem("xephang.supervisor.site", code);
    await open(code);
  } catch (e) {
    say($("error"), e.vi ?? e.message, e.en ?? e.message);
  }
}

function signedOut(message) {
  sessionStorage.removeItem("xephang.supervisor.token");
  if (source) source.close();
  source = null;
  clearTimeout(refreshTimer);
  $("view").hidden = true;
  $("sign-in").hidden = false;
  $("sign-out").hidden = true;
  $("live").hidden = true;
  $("error").textContent = message || "";
}

async function open(code) {
  site = await api("/api/v1/sites/" + encodeURIComponent(code));
  $("site-name").textContent = "· " + site.name;
  $("sign-in").hidden = true;
  $("view").hidden = false;
  $("sign-out").hidden = false;
  await refresh();
  follow();
}

// ---- live updates ---------------------------------------------------------------------------------------------

function follow() {
  if (source) source.close();
  // EventSource cannot send headers: the token rides in the query so the stream carries the staff view (officers).
  const token = sessionStorage.getItem("xephang.supervisor.token") || "";
  source = new EventSource("/api/v1/sites/" + encodeURIComponent(site.code) + "/events?access_token="
    + encodeURIComponent(token));
  source.onopen = () => live(true);
  source.onerror = () => live(false); // EventSource reconnects by itself
  source.onmessage = message => {
    const event = JSON.parse(message.data);
    if (event.type === "device.status") devices.set(event.device, Object.assign({}, devices.get(event.device), event));
    refreshSoon();
  };
}

function live(up) {
  $("live").hidden = false;
  $("live").dataset.up = String(up);
  renderLive();
  if (up) refreshSoon();
}

/** The stream's state in the page's language (kept in data-up, so a language switch says it again). */
function renderLive() {
  const up = $("live").dataset.up === "true";
  $("live").textContent = up ? t("Trực tiếp", "Live") : t("Mất kết nối, đang thử lại…", "Connection lost, retrying…");
  $("live").classList.toggle("lost", !up);
}

function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refresh, 250); // one read per burst of events
}

async function refresh() {
  if (!site || !sessionStorage.getItem("xephang.supervisor.token")) return;
  const base = "/api/v1/sites/" + encodeURIComponent(site.code);
  try {
    const [queue, list, known] = await Promise.all([api(base + "/queue"), api(base + "/waiting"), api(base + "/devices")]);
    devices.clear();
    for (const device of known.devices || []) devices.set(device.device, device);
    snapshot = queue;
    clockOffset = Date.parse(queue.at) - Date.now();
    waiting = list.tickets || [];
    render();
    loadFigures(base);
  } catch (e) {
    live(false);
  }
}

function loadFigures(base) {
  const due = figuresAt + FIGURES_EVERY_MS - Date.now();
  if (due > 0) {
    if (!figuresTimer) figuresTimer = setTimeout(() => { figuresTimer = null; loadFigures(base); }, due);
    return;
  }
  figuresAt = Date.now();
  api(base + "/stats").then(stats => { today = stats; render(); }).catch(() => {});
  loadBookings();
}

// ---- bookings (issue 17): the chosen day's, per field, refreshed with the figures ---------------------------------

async function loadBookings() {
  if (!site) return;
  if (!bookingsDay) {
    bookingsDay = XephangBookings.siteDay(now(), site);
    $("bookings-day").value = XephangDays.shown(bookingsDay);
  }
  const day = bookingsDay;
  try {
    const answer = await api("/api/v1/sites/" + encodeURIComponent(site.code) + "/appointments?date=" + day);
    if (day !== bookingsDay) return; // another day was chosen meanwhile
    bookings = answer.appointments || [];
    $("bookings-section").hidden = false;
  } catch (e) {
    bookings = null;
    $("bookings-section").hidden = true; // a server without appointments
  }
  renderBookings();
}

function renderBookings() {
  if (!bookings || !site) return;
  $("no-bookings").hidden = bookings.length > 0;
  XephangBookings.render($("bookings"), bookings, site, lang, now());
}

// ---- what the page shows ------------------------------------------------------------------------------------------

function lines() {
  return (snapshot?.services || []).map(s => {
    const tickets = waiting.filter(w => w.service === s.code);
    const oldest = tickets.reduce((a, w) => (!a || w.issuedAt < a.issuedAt ? w : a), null);
    return { code: s.code, name: s.name, waiting: s.waiting, priority: s.priorityWaiting, oldest };
  });
}

function alerts() {
  const limits = thresholds();
  const list = [];
  for (const line of lines()) {
    if (line.oldest && minutesSince(line.oldest.issuedAt) >= limits.waitAlertMinutes) {
      list.push({ kind: "wait", text: t(
        `${line.name}: số ${line.oldest.number} đã chờ ${minutesSince(line.oldest.issuedAt)} phút (ngưỡng ${limits.waitAlertMinutes} phút).`,
        `${line.name}: number ${line.oldest.number} has waited ${minutesSince(line.oldest.issuedAt)} min (limit ${limits.waitAlertMinutes} min).`) });
    }
  }
  for (const counter of snapshot?.counters || []) {
    const since = counter.pausedAt; // staff view: when the pause began, even before this page was opened
    if (counter.state === "PAUSED" && since && minutesSince(since) >= limits.pauseAlertMinutes) {
      list.push({ kind: "pause", text: t(
        `${counter.name} tạm dừng đã ${minutesSince(since)} phút (${counter.pauseReason || "không rõ lý do"}), quá ${limits.pauseAlertMinutes} phút cho phép.`,
        `${counter.name} has been paused for ${minutesSince(since)} min (${counter.pauseReason || "no reason"}), over the ${limits.pauseAlertMinutes} min allowed.`) });
    }
  }
  for (const [device, report] of devices) {
    if (report.state !== "ONLINE") {
      list.push({ kind: "device", warn: report.state === "PAPER_NEAR_END", text: t(
        `Thiết bị ${device}: ${deviceState(report.state)}${report.detail ? " – " + report.detail : ""}.`,
        `Device ${device}: ${deviceState(report.state)}${report.detail ? " – " + report.detail : ""}.`) });
    }
  }
  return list;
}

function deviceState(state) {
  const vi = { PAPER_NEAR_END: "sắp hết giấy", PAPER_OUT: "hết giấy", COVER_OPEN: "nắp đang mở", OFFLINE: "mất kết nối", ERROR: "bị lỗi" };
  const en = { PAPER_NEAR_END: "paper low", PAPER_OUT: "out of paper", COVER_OPEN: "cover open", OFFLINE: "offline", ERROR: "error" };
  return (lang === "vi" ? vi : en)[state] || state;
}

function deviceKind(kind) {
  const vi = { printer: "Máy in vé", scanner: "Máy quét mã", led: "Bảng LED", keypad: "Bàn phím đánh giá", kiosk: "Kiosk",
    board: "Màn hình phòng chờ", counter: "Máy tính quầy" };
  const en = { printer: "Ticket printer", scanner: "Scanner", led: "LED display", keypad: "Rating keypad", kiosk: "Kiosk",
    board: "Hall screen", counter: "Counter PC" };
  return (lang === "vi" ? vi : en)[kind] || kind;
}

// OFFLINE and ERROR red, paper out red, paper near end amber; the worst first, then by id
function deviceClass(state) {
  return { OFFLINE: "offline", ERROR: "offline", PAPER_OUT: "paper-out", COVER_OPEN: "paper-out", PAPER_NEAR_END: "near-end" }[state] || "ok";
}

function siteTime(iso) {
  if (!iso) return "–";
  return new Date(Date.parse(iso)).toLocaleTimeString(lang === "vi" ? "vi-VN" : "en-GB",
    { timeZone: site?.timeZone || undefined, hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

function renderDevices() {
  const rank = { offline: 0, "paper-out": 1, "near-end": 2, ok: 3 };
  const list = [...devices.values()].sort((a, b) =>
    rank[deviceClass(a.state)] - rank[deviceClass(b.state)] || a.device.localeCompare(b.device));
  $("no-devices").hidden = list.length > 0;
  $("devices").replaceChildren(...list.map(d => {
    const row = el("tr", { className: deviceClass(d.state) },
      el("td", { textContent: d.device }),
      el("td", { textContent: deviceKind(d.kind) }),
      el("td", { className: "device-state", textContent: d.state === "ONLINE" ? t("hoạt động", "online") : deviceState(d.state) }),
      el("td", { textContent: d.detail || "" }),
      el("td", { className: "num last-seen", textContent: siteTime(d.lastSeen) }));
    row.dataset.device = d.device;
    row.dataset.state = d.state;
    return row;
  }));
}

// A counter's own devices, as the agents name them: <agent>/led-3, <agent>/keypad-3 (counter PCs, the hall's LED
// agent), or a device named after its counter (counter3, quay-3).
const COUNTER_DEVICE = /(?:^|\/)(?:led|keypad|counter|quay|quầy)[-_ ]?(\d+)$/i;

function counterDeviceProblem(number) {
  for (const [device, report] of devices) {
    const match = COUNTER_DEVICE.exec(device);
    if (match && Number(match[1]) === number && ["OFFLINE", "ERROR"].includes(report.state)) return device;
  }
  return null;
}

function render() {
  if (!snapshot) return;
  $("alerts").replaceChildren(...alerts().map(a => el("li", { className: a.warn ? "warn" : "", textContent: a.text })));
  renderFigures();
  $("lines").replaceChildren(...lines().map(line => {
    const wait = line.oldest ? minutesSince(line.oldest.issuedAt) : null;
    const row = el("tr", {},
      el("td", { textContent: `${line.code} · ${line.name}` }),
      el("td", { className: "num waiting", textContent: String(line.waiting) }),
      el("td", { className: "num", textContent: String(line.priority) }),
      el("td", { className: `num longest${wait !== null && wait >= thresholds().waitAlertMinutes ? " long" : ""}`,
        textContent: wait === null ? "–" : `${minutesText(wait)} (${line.oldest.number})` }));
    row.dataset.service = line.code;
    return row;
  }));
  $("counters").replaceChildren(...snapshot.counters.map(counter => {
    const ticket = counter.ticket;
    let state;
    let since = null;
    if (counter.state === "PAUSED") {
      state = t("Tạm dừng", "Paused") + (counter.pauseReason ? `: ${counter.pauseReason}` : "");
      since = counter.pausedAt || null;
    } else if (counter.state === "CLOSED") {
      state = t("Chưa đăng nhập", "Signed out");
    } else if (ticket?.state === "SERVING") {
      state = t("Đang phục vụ", "Serving");
      since = ticket.startedAt;
    } else if (ticket) {
      state = t("Đã gọi, chờ công dân", "Called, awaiting the citizen");
      since = ticket.calledAt;
    } else {
      state = t("Đang mở, chưa gọi số", "Open, no number called");
    }
    const stateClass = counter.state === "OPEN" && ticket ? ticket.state : counter.state;
    const device = counterDeviceProblem(counter.number);
    const stateCell = el("td", {}, el("span", { className: `state ${stateClass}`, textContent: state }),
      device ? el("span", { className: "device-off", textContent: t(`Thiết bị ${device} mất kết nối`, `Device ${device} offline`) }) : null);
    const overPause = counter.state === "PAUSED" && since && minutesSince(since) >= thresholds().pauseAlertMinutes;
    const row = el("tr", {},
      el("td", { textContent: counter.name }),
      stateCell,
      el("td", { textContent: counter.officerName || counter.officer || "–" }),
      el("td", { className: "num", textContent: ticket ? ticket.number : "–" }),
      el("td", { className: `num since${overPause ? " long" : ""}`, textContent: since ? duration(since) : "–" }));
    row.dataset.counter = String(counter.number);
    row.dataset.state = counter.state;
    return row;
  }));
  renderDevices();
  renderCharts();
}

function renderFigures() {
  const f = today?.totals;
  const value = (x, format) => (x === null || x === undefined ? "–" : format(x));
  const cards = [
    ["issued", t("Lượt lấy số hôm nay", "Issued today"), f ? String(f.issued) : "–"],
    ["served", t("Đã phục vụ", "Served"), f ? String(f.served) : "–"],
    ["no-show", t("Vắng mặt", "No-shows"), f ? String(f.noShow) : "–"],
    ["wait", t("Chờ trung bình", "Mean wait"), value(f?.waitSeconds?.mean, s => decimal(s / 60, 1) + t(" phút", " min"))],
    ["satisfaction", t("Hài lòng", "Satisfied"), value(f?.ratings?.satisfactionRate, r => decimal(r * 100, 0) + " %")],
  ];
  $("figures").replaceChildren(...cards.map(([key, name, text]) => {
    const card = el("div", { className: "card" }, el("div", { className: "value", textContent: text }), el("div", { className: "name", textContent: name }));
    card.dataset.figure = key;
    return card;
  }));
}

let chartsDrawnFor = null;
function renderCharts() {
  if (!window.XephangCharts) return;
  const key = JSON.stringify([lang, today?.byHour, lines().map(l => [l.code, l.waiting]), today?.byService?.map(g => [g.key, g.served])]);
  if (key === chartsDrawnFor) return; // redraw only when the figures change, not every second
  chartsDrawnFor = key;
  XephangCharts.waitsByHour($("chart-waits"),
    (today?.byHour || []).map(g => ({ hour: Number(g.key), waitSeconds: g.waitSeconds.mean, issued: g.issued })), lang);
  XephangCharts.loadByField($("chart-load"), lines().map(line => {
    const group = today?.byService?.find(g => g.key === line.code);
    return { label: line.name, issued: group ? group.issued : 0, other: line.waiting };
  }), lang, ["Đang chờ", "Waiting"]);
}

function tick() {
  $("clock").textContent = new Date(now()).toLocaleTimeString(lang === "vi" ? "vi-VN" : "en-GB",
    { timeZone: site?.timeZone || undefined, hour: "2-digit", minute: "2-digit", second: "2-digit" });
  render();
}

// ---- wiring -------------------------------------------------------------------------------------------------------

$("sign-in").addEventListener("submit", signIn);
$("sign-out").addEventListener("click", () => signedOut());
// the day typed dd/mm/yyyy in both languages (an <input type=date> follows the browser's locale: mm/dd/yyyy)
$("bookings-day").addEventListener("change", () => {
  const text = $("bookings-day").value.trim();
  const day = text ? XephangDays.iso(text) : null;
  if (text && !day) {
    say($("bookings-day-error"), `"${text}" không phải một ngày: nhập dạng dd/mm/yyyy, ví dụ 02/09/2026.`, `"${text}" is not a day: enter dd/mm/yyyy, e.g. 02/09/2026.`);
  } else {
    say($("bookings-day-error"), "");
  }
  if (text && !day) return;
  bookingsDay = day;
  bookings = null;
  loadBookings();
});
$("lang").addEventListener("click", () => {
  lang = lang === "vi" ? "en" : "vi";
  localStorage.setItem("xephang.lang", lang);
  chartsDrawnFor = null;
  applyLanguage();
});
const params = new URLSearchParams(location.search);
$("site").value = params.get("site") || localStorage.getItem("xephang.supervisor.site") || "";
applyLanguage();
setInterval(tick, 1000);
if (!$("site").value) {
  fetch("/health").then(r => r.json()).then(h => {
    if (!$("site").value && Array.isArray(h.sites) && h.sites.length) $("site").value = h.sites[0];
  }).catch(() => {});
}
if (sessionStorage.getItem("xephang.supervisor.token") && $("site").value) {
  open($("site").value).catch(e => signedOut(e.message));
}
