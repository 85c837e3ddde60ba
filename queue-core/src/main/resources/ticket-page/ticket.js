// The citizen's phone page for one ticket: follows the site's live event stream (Server-Sent Events) and re-reads the
// ticket when an event may concern it; polls only while the stream is down; stops for good on a final state or an
// unknown ticket.
"use strict";
const TEXT = {
  vi: {
    title: "Tra cứu phiếu", switchTo: "English", ahead: "Số người phía trước", estimate: "Thời gian chờ dự kiến",
    issued: "Giờ lấy phiếu", minutes: n => n < 1 ? "dưới 1 phút" : `khoảng ${n} phút`,
    WAITING: "Đang chờ đến lượt", CALLED: c => `Mời đến ${c}`, SERVING: c => `Đang được phục vụ tại ${c}`,
    DONE: "Đã hoàn thành. Cảm ơn quý khách!", NO_SHOW: "Đã gọi nhưng vắng mặt — vui lòng liên hệ quầy hướng dẫn",
    CANCELLED: "Phiếu đã huỷ", counter: n => `quầy ${n}`,
    live: "Tự động cập nhật.", offline: "Mất kết nối, đang thử lại…", notFound: "Không tìm thấy phiếu này.",
    finished: "Phiếu đã kết thúc."
  },
  en: {
    title: "Your ticket", switchTo: "Tiếng Việt", ahead: "People ahead of you", estimate: "Estimated wait",
    issued: "Issued at", minutes: n => n < 1 ? "under a minute" : `about ${n} min`,
    WAITING: "Waiting for your turn", CALLED: c => `Please go to ${c}`, SERVING: c => `Being served at ${c}`,
    DONE: "Completed. Thank you!", NO_SHOW: "Called but absent — please ask at the help desk",
    CANCELLED: "Ticket cancelled", counter: n => `counter ${n}`,
    live: "Updates automatically.", offline: "Connection lost, retrying…", notFound: "This ticket was not found.",
    finished: "This ticket is closed."
  }
};
const FINAL_STATES = ["DONE", "CANCELLED"];
const FALLBACK_POLL_MS = 15000;
const ticketId = decodeURIComponent(location.pathname.split("/").filter(Boolean).pop() || "");
let lang = localStorage.getItem("xephang.lang") === "en" ? "en" : "vi";
let ticket = null, site = null, online = true, notFound = false, lastState = null;
let stream = null, streamOpen = false, retryMs = 1000, poller = null, stopped = false;
const $ = id => document.getElementById(id);

function counterName(number) {
  const counter = site && (site.counters || []).find(c => c.number === number);
  return counter && counter.name ? counter.name : TEXT[lang].counter(number);
}

function finished() {
  return notFound || (ticket && FINAL_STATES.includes(ticket.state));
}

function render() {
  const t = TEXT[lang];
  document.documentElement.lang = lang;
  $("lang").textContent = t.switchTo;
  $("site").textContent = site ? site.name : t.title;
  $("note").textContent = notFound ? "" : finished() ? t.finished : online ? t.live : t.offline;
  $("note").className = "note" + (online || finished() ? "" : " offline");
  if (notFound) { $("number").textContent = "—"; $("state").textContent = t.notFound; return; }
  if (!ticket) return;
  const service = site && (site.services || []).find(s => s.code === ticket.service);
  $("service").textContent = service ? (lang === "en" && service.nameEn) || service.name : ticket.service;
  $("number").textContent = ticket.number;
  const text = t[ticket.state];
  $("state").textContent = typeof text === "function" ? text(counterName(ticket.counter)) : text;
  $("state").className = "state " + ticket.state.toLowerCase().replace("_", "-");
  // Only a waiting ticket has people ahead and a wait to show; once called the counter is all that matters.
  const waiting = ticket.state === "WAITING";
  $("details").hidden = false;
  document.querySelectorAll("#details .when-waiting").forEach(node => { node.hidden = !waiting; });
  $("ahead-label").textContent = t.ahead;
  $("ahead").textContent = ticket.waitingAhead != null ? ticket.waitingAhead : "—";
  $("estimate-label").textContent = t.estimate;
  $("estimate").textContent = ticket.estimatedWaitSeconds != null
      ? t.minutes(Math.round(ticket.estimatedWaitSeconds / 60)) : "—";
  $("issued-label").textContent = t.issued;
  $("issued").textContent = new Intl.DateTimeFormat(lang === "vi" ? "vi-VN" : "en-GB",
      { hour: "2-digit", minute: "2-digit", timeZone: (site && site.timeZone) || "Asia/Ho_Chi_Minh" })
      .format(new Date(ticket.issuedAt));
}

async function refresh() {
  if (stopped) return;
  try {
    const response = await fetch(`/api/v1/tickets/${encodeURIComponent(ticketId)}`, { cache: "no-store" });
    if (response.status === 404) { notFound = true; online = true; stop(); render(); return; }
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    ticket = await response.json();
    online = true;
    if (ticket.state === "CALLED" && lastState !== "CALLED" && lastState !== null && navigator.vibrate) {
      navigator.vibrate([300, 150, 300]);
    }
    lastState = ticket.state;
    if (!site) {
      const siteResponse = await fetch(`/api/v1/sites/${encodeURIComponent(ticket.site)}`);
      if (siteResponse.ok) site = await siteResponse.json();
    }
    if (finished()) stop(); else connect();
  } catch (e) {
    online = false;
    startPolling();
  }
  render();
}

/** A final state or an unknown ticket: nothing will change, so nothing more is asked of the server. */
function stop() {
  stopped = true;
  if (stream) { stream.close(); stream = null; }
  streamOpen = false;
  clearInterval(poller);
  poller = null;
}

// Many phones follow one site: refetch only for events that can change this ticket or its place in the queue,
// a little later and spread out, so a busy site does not make every phone ask at the same instant.
let pending = null;
function refreshSoon() {
  if (pending) return;
  pending = setTimeout(() => { pending = null; refresh(); }, 300 + Math.random() * 1200);
}

function concernsUs(message) {
  if (!ticket) return true;
  if (message.type === "snapshot" || !message.ticket) return message.type === "snapshot";
  return message.ticket.id === ticket.id || message.ticket.service === ticket.service;
}

function startPolling() {
  if (!poller && !stopped) poller = setInterval(() => { if (!streamOpen) refresh(); }, FALLBACK_POLL_MS);
}

function connect() {
  if (stream || stopped || !ticket) return;
  const source = new EventSource(`/api/v1/sites/${encodeURIComponent(ticket.site)}/events`);
  stream = source;
  source.onopen = () => {
    streamOpen = true;
    retryMs = 1000;
    online = true;
    clearInterval(poller);
    poller = null;
    render();
  };
  source.onmessage = message => {
    let parsed;
    try { parsed = JSON.parse(message.data); } catch (e) { return; }
    if (concernsUs(parsed)) refreshSoon();
  };
  source.onerror = () => {
    streamOpen = false;
    if (stream !== source) return;
    online = false;
    startPolling();
    render();
    // The browser retries a dropped stream by itself; a refused one (503 while the server restarts) is closed.
    if (source.readyState === EventSource.CLOSED) {
      stream = null;
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 30000);
    }
  };
}

document.addEventListener("DOMContentLoaded", () => {
  $("lang").addEventListener("click", () => {
    lang = lang === "vi" ? "en" : "vi";
    localStorage.setItem("xephang.lang", lang);
    render();
  });
  refresh();
});
