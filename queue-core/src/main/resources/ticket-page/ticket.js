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
    finished: "Phiếu đã kết thúc.",
    notifyTitle: "Nhận tin nhắn báo lượt", channel: p => p === "zalo" ? "tin nhắn Zalo" : "tin nhắn SMS",
    notifyLead: ch => `Chúng tôi gửi ${ch} khi sắp đến lượt và khi mời bạn đến quầy, để bạn không phải ngồi chờ.`,
    phoneLabel: "Số điện thoại di động",
    consent: ch => `Tôi đồng ý để số này được dùng chỉ để gửi ${ch} "sắp đến lượt" và "mời đến quầy" cho phiếu này. ` +
      "Số sẽ được xoá khi hết ngày và không hiển thị ở bất kỳ đâu.",
    notifySubmit: "Nhận tin nhắn", sending: "Đang gửi…",
    subscribed: (ch, phone) => `Đã đăng ký: sẽ gửi ${ch} tới số ${phone}.`,
    needConsent: "Vui lòng đánh dấu đồng ý trước khi để lại số điện thoại.",
    badPhone: "Số điện thoại phải là số di động Việt Nam 10 chữ số, ví dụ 0912 345 678.",
    failed: "Chưa đăng ký được, vui lòng thử lại."
  },
  en: {
    title: "Your ticket", switchTo: "Tiếng Việt", ahead: "People ahead of you", estimate: "Estimated wait",
    issued: "Issued at", minutes: n => n < 1 ? "under a minute" : `about ${n} min`,
    WAITING: "Waiting for your turn", CALLED: c => `Please go to ${c}`, SERVING: c => `Being served at ${c}`,
    DONE: "Completed. Thank you!", NO_SHOW: "Called but absent — please ask at the help desk",
    CANCELLED: "Ticket cancelled", counter: n => `counter ${n}`,
    live: "Updates automatically.", offline: "Connection lost, retrying…", notFound: "This ticket was not found.",
    finished: "This ticket is closed.",
    notifyTitle: "Get a message when it is your turn", channel: p => p === "zalo" ? "a Zalo message" : "a text message",
    notifyLead: ch => `We send ${ch} when your turn is near and when you are called to a counter, so you need not wait here.`,
    phoneLabel: "Mobile number",
    consent: ch => `I agree that this number is used only to send ${ch} "your turn is near" and "please go to the ` +
      "counter\" for this ticket. It is deleted at the end of the day and never shown anywhere.",
    notifySubmit: "Get messages", sending: "Sending…",
    subscribed: (ch, phone) => `Done: we will send ${ch} to ${phone}.`,
    needConsent: "Please tick the box to agree before leaving your number.",
    badPhone: "The number must be a 10-digit Vietnamese mobile number, e.g. 0912 345 678.",
    failed: "Could not sign up, please try again."
  }
};
const FINAL_STATES = ["DONE", "CANCELLED"];
const FALLBACK_POLL_MS = 15000;
const ticketId = decodeURIComponent(location.pathname.split("/").filter(Boolean).pop() || "");
let lang = localStorage.getItem("xephang.lang") === "en" ? "en" : "vi";
let ticket = null, site = null, online = true, notFound = false, lastState = null;
// The notify form: shown while the ticket waits at a site that sends messages (GET …/notify says so).
let offer = null, offerAsked = false, notifyResult = null, sending = false;
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
  renderNotify(t, waiting);
  $("issued-label").textContent = t.issued;
  $("issued").textContent = new Intl.DateTimeFormat(lang === "vi" ? "vi-VN" : "en-GB",
      { hour: "2-digit", minute: "2-digit", timeZone: (site && site.timeZone) || "Asia/Ho_Chi_Minh" })
      .format(new Date(ticket.issuedAt));
}

function renderNotify(t, waiting) {
  const form = $("notify");
  const show = !!offer && offer.provider !== "none" && (waiting || !!offer.phone);
  form.hidden = !show;
  if (!show) return;
  const channel = t.channel(offer.provider);
  $("notify-title").textContent = t.notifyTitle;
  $("notify-lead").textContent = t.notifyLead(channel);
  $("notify-phone-label").textContent = t.phoneLabel;
  $("notify-consent-text").textContent = t.consent(channel);
  $("notify-submit").textContent = sending ? t.sending : t.notifySubmit;
  $("notify-submit").disabled = sending || !waiting;
  const result = $("notify-result");
  if (offer.phone && (!notifyResult || notifyResult.ok)) {
    result.textContent = t.subscribed(channel, offer.phone);
    result.className = "result ok";
  } else if (notifyResult) {
    // The server's refusal in the page's language (message, messageEn), else the page's own words.
    const said = lang === "vi" ? notifyResult.message : notifyResult.messageEn;
    result.textContent = said || t[notifyResult.key] || t.failed;
    result.className = "result error";
  } else {
    result.textContent = "";
    result.className = "result";
  }
}

async function askOffer() {
  if (offerAsked || !ticket || ticket.state !== "WAITING") return;
  offerAsked = true;
  try {
    const response = await fetch(`/api/v1/tickets/${encodeURIComponent(ticketId)}/notify`, { cache: "no-store" });
    if (response.ok) offer = await response.json();
  } catch (e) {
    offerAsked = false; // asked again at the next refresh
  }
  render();
}

async function subscribe(event) {
  event.preventDefault();
  const phone = $("notify-phone").value.trim();
  if (!$("notify-consent").checked) { notifyResult = { key: "needConsent" }; render(); return; }
  if (!/^(\+?84|0)[\d\s.\-]{8,14}$/.test(phone)) { notifyResult = { key: "badPhone" }; render(); return; }
  sending = true;
  render();
  try {
    const response = await fetch(`/api/v1/tickets/${encodeURIComponent(ticketId)}/notify`, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ phone, consent: true })
    });
    const body = await response.json().catch(() => ({}));
    if (response.status === 201) {
      offer = Object.assign({}, offer, { phone: body.phone });
      notifyResult = { ok: true };
      $("notify-phone").value = "";
    } else {
      const key = body.error === "INVALID_REQUEST" && /điện thoại/.test(body.message || "") ? "badPhone" : "failed";
      notifyResult = { key, message: body.message, messageEn: body.messageEn };
    }
  } catch (e) {
    notifyResult = { key: "failed" };
  }
  sending = false;
  render();
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
    askOffer();
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
  $("notify").addEventListener("submit", subscribe);
  $("lang").addEventListener("click", () => {
    lang = lang === "vi" ? "en" : "vi";
    localStorage.setItem("xephang.lang", lang);
    render();
  });
  refresh();
});
