"use strict";
// The administration page (issue #14): signs in as an ADMIN, lists the sites this account may manage, and edits one
// site's whole configuration document (GET/PUT /api/v1/admin/sites/{site}, with its version); the devices live, the
// accounts and the audit log. Every save sends the document with the version it was made from: a 409 keeps every
// edit and offers to reload the newest version with those edits applied on top.
const $ = id => document.getElementById(id);
const API = "/api/v1";
const TOKEN_KEY = "xephang.admin.token";
const SPOKEN_LETTERS = "ABCDEGHKLMNPQSTVX";
const DAY_KEYS = ["weekdays", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const DAY_NAMES = {
  weekdays: ["Thứ Hai – Thứ Sáu", "Monday – Friday"], monday: ["Thứ Hai", "Monday"], tuesday: ["Thứ Ba", "Tuesday"],
  wednesday: ["Thứ Tư", "Wednesday"], thursday: ["Thứ Năm", "Thursday"], friday: ["Thứ Sáu", "Friday"],
  saturday: ["Thứ Bảy", "Saturday"], sunday: ["Chủ nhật", "Sunday"],
};
const DEFAULT_WEEKDAYS = ["07:30-11:30", "13:30-17:00"];
const DAY_INPUT = { size: 10, inputMode: "numeric", placeholder: "dd/mm/yyyy", autocomplete: "off" }; // holidays
const ROLES = ["OFFICER", "SUPERVISOR", "ADMIN", "KIOSK", "DISPLAY"];
const ROLE_NAMES = {
  ADMIN: ["Quản trị", "Administrator"], SUPERVISOR: ["Giám sát", "Supervisor"], OFFICER: ["Cán bộ", "Officer"],
  KIOSK: ["Ki-ốt (thiết bị)", "Kiosk (device)"], DISPLAY: ["Màn hình (thiết bị)", "Display (device)"],
};

let lang = localStorage.getItem("xephang.lang") === "en" ? "en" : "vi";
let sites = [];          // [{code, name}] the sites this account may manage
let province = false;    // manages every site this server serves: may create sites
let siteCode = null;
let base = null;         // the stored document as loaded: {version, document}
let doc = null;          // the working copy being edited
let tab = "calendar";
let source = null;
let timeZone = "Asia/Ho_Chi_Minh";
const devices = new Map();
let accounts = [];
let auditBefore = null;
let refreshTimer = null;

function t(vi, en) { return lang === "vi" ? vi : en; }
/** A status line in both languages (said.js): a language switch says it again. */
function say(node, vi, en) { XephangSaid.say(node, lang, vi, en); }
/** An error's message in both languages when the page wrote it (vi, en), else as the server wrote it. */
// An error's [Vietnamese, English] texts: the server's message and messageEn, or the page's own pair.
function bothTexts(e) { return [e.vi ?? e.message, e.en ?? e.message]; }
function sayError(node, e, prefix = "") { say(node, prefix + (e.vi ?? e.message), prefix + (e.en ?? e.message)); }
function failure(vi, en) { return Object.assign(new Error(t(vi, en)), { vi, en }); }
/** Errors shown beside the fields of the site's form, kept so a language switch (which redraws it) shows them again. */
let fieldErrors = [];
function pair(names) { return names ? (lang === "vi" ? names[0] : names[1]) : ""; }
function copy(value) { return value === undefined ? undefined : JSON.parse(JSON.stringify(value)); }
function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== null) node[key] = value;
  }
  node.append(...children.filter(c => c !== null && c !== undefined && c !== false));
  return node;
}
function fieldError(path) { return el("span", { className: "field-error", dataset: { errorFor: path } }); }

function applyLanguage() {
  document.documentElement.lang = lang;
  document.querySelectorAll("[data-vi]").forEach(node => { node.textContent = node.dataset[lang]; });
  $("lang").textContent = lang === "vi" ? "English" : "Tiếng Việt";
  XephangSaid.again(lang);
  renderLive();
  if (doc) {
    const shown = fieldErrors;
    render();
    // The boxes render() does not redraw (the page's own, beside a table) still say them: said once, not once more.
    $("view").querySelectorAll("[data-error-for]").forEach(node => { if (!node.closest("form")) XephangSaid.say(node, lang, ""); });
    fieldErrors = [];
    shown.forEach(([path, message]) => showError(path, message));
  }
}

async function api(path, options = {}) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const headers = Object.assign({ "Accept": "application/json" }, options.headers || {});
  if (token) headers["Authorization"] = "Bearer " + token;
  if (options.json !== undefined) {
    headers["Content-Type"] = "application/json";
    options = Object.assign({}, options, { body: JSON.stringify(options.json) });
  }
  let response;
  try {
    response = await fetch(path, Object.assign({}, options, { headers }));
  } catch (e) {
    throw Object.assign(failure("Không kết nối được máy chủ. Vui lòng thử lại.", "Cannot reach the server. Please try again."), { status: 0 });
  }
  if (options.raw && response.ok) return response;
  const body = response.status === 204 ? {} : await response.json().catch(() => ({}));
  if (response.status === 401) signedOut(body.message, body.messageEn ?? body.message);
  if (!response.ok) {
    // The server's refusal in both languages (ADR 0043): e.message in the page's language, e.vi and e.en kept.
    const error = body.message ? failure(body.message, body.messageEn ?? body.message) : failure("Lỗi " + response.status, "Error " + response.status);
    throw Object.assign(error, { status: response.status, body });
  }
  return body;
}

// ---- sign-in and the sites this account manages --------------------------------------------------------------

async function signIn(event) {
  event.preventDefault();
  $("error").textContent = "";
  try {
    const body = await api(API + "/auth/login", { method: "POST", json: { username: $("username").value, password: $("password").value } });
    $("password").value = "";
    if (body.role !== "ADMIN") {
      say($("error"), "Tài khoản này không phải tài khoản quản trị. Vui lòng đăng nhập bằng tài khoản quản trị.",
        "This is not an administrator's account. Please sign in as an administrator.");
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, body.token);
    await start();
  } catch (e) {
    sayError($("error"), e);
  }
}

function signedOut(message, en = message) {
  sessionStorage.removeItem(TOKEN_KEY);
  if (source) source.close();
  source = null;
  doc = null;
  base = null;
  $("view").hidden = true;
  $("create-site").hidden = true;
  $("sign-in").hidden = false;
  $("sign-out").hidden = true;
  $("site-choice").hidden = true;
  $("new-site").hidden = true;
  $("live").hidden = true;
  $("site-name").textContent = "";
  say($("error"), message || "", en || "");
}

async function start() {
  const health = await fetch("/health").then(r => r.json()).catch(() => ({ sites: [] }));
  const served = Array.isArray(health.sites) ? health.sites : [];
  const readable = await Promise.all(served.map(code => api(API + "/admin/sites/" + encodeURIComponent(code))
    .then(d => ({ code, name: d.document.name || code }), () => null)));
  sites = readable.filter(Boolean);
  province = sites.length > 0 && sites.length === served.length;
  if (sites.length === 0) {
    signedOut("Tài khoản này không quản trị điểm phục vụ nào trên máy chủ này.", "This account manages no site of this server.");
    return;
  }
  $("sign-in").hidden = true;
  $("sign-out").hidden = false;
  $("new-site").hidden = !province;
  $("site-choice").hidden = false;
  $("site").replaceChildren(...sites.map(s => el("option", { value: s.code, textContent: `${s.name} (${s.code})` })));
  const wanted = new URLSearchParams(location.search).get("site") || localStorage.getItem("xephang.admin.site");
  await openSite(sites.some(s => s.code === wanted) ? wanted : sites[0].code);
}

async function openSite(code) {
  if (doc && !same(doc, base?.document) && code !== siteCode
      && !confirm(t("Có thay đổi chưa lưu. Bỏ các thay đổi đó?", "There are unsaved changes. Discard them?"))) {
    $("site").value = siteCode;
    return;
  }
  siteCode = code;
  localStorage.setItem("xephang.admin.site", code);
  $("site").value = code;
  const stored = await api(API + "/admin/sites/" + encodeURIComponent(code));
  base = { version: stored.version, document: stored.document };
  doc = copy(stored.document);
  timeZone = doc.timeZone || "Asia/Ho_Chi_Minh";
  $("site-name").textContent = "· " + (doc.name || code);
  $("view").hidden = false;
  $("create-site").hidden = true;
  clearErrors();
  $("save-error").hidden = true;
  $("reload").hidden = true;
  $("save-message").textContent = "";
  auditBefore = null;
  render();
  follow();
  loadDevices();
  if (tab === "accounts") loadAccounts();
  if (tab === "audit") loadAudit(false);
}

// ---- the working copy and saving ---------------------------------------------------------------------------------

function changed() {
  $("dirty").hidden = same(doc, base.document);
  $("save-message").textContent = "";
}

function clearErrors() {
  fieldErrors = [];
  document.querySelectorAll("[data-error-for]").forEach(node => { node.textContent = ""; });
  document.querySelectorAll(".invalid").forEach(node => node.classList.remove("invalid"));
  document.querySelectorAll(".offer").forEach(node => node.remove());
}

// Shows a message beside the field of `path` ("services[2].prefix"), or the nearest enclosing one shown.
// `root`: the form it belongs to (the site's configuration by default).
// `message`: a server's text, or the page's own [vi, en].
function showError(path, message, root = $("view")) {
  const [vi, en] = Array.isArray(message) ? message : [message, message];
  let key = path;
  while (key) {
    const box = root.querySelector(`[data-error-for="${CSS.escape(key)}"]`);
    if (box) {
      XephangSaid.add(box, lang, vi, en);
      if (root === $("view")) fieldErrors.push([path, message]);
      const input = root.querySelector(`[data-path="${CSS.escape(key)}"]`);
      if (input) input.classList.add("invalid");
      return box;
    }
    const cut = Math.max(key.lastIndexOf("."), key.lastIndexOf("["));
    key = cut > 0 ? key.slice(0, cut) : "";
  }
  $("save-error").hidden = false;
  XephangSaid.add($("save-error"), lang, vi, en);
  return null;
}

// The page's own checks, in Vietnamese, before anything is sent; the server checks everything again.
function validate() {
  const problems = [];
  const say = (path, vi, en) => problems.push([path, [vi, en]]);
  const services = doc.services || [];
  const codes = new Set();
  const prefixes = new Set();
  services.forEach((s, i) => {
    const p = `services[${i}]`;
    if (!s.code || !/^[A-Za-z0-9_-]{1,16}$/.test(s.code)) say(p + ".code", "Mã lĩnh vực: chữ, số, _ hoặc -, tối đa 16 ký tự (ví dụ A).", "Code: letters, digits, _ or -, at most 16 (e.g. A).");
    else if (codes.has(s.code)) say(p + ".code", `Mã "${s.code}" bị trùng.`, `Code "${s.code}" is used twice.`);
    codes.add(s.code);
    if (!s.name || !s.name.trim()) say(p + ".name", "Cần nhập tên lĩnh vực.", "The name is required.");
    const prefix = s.prefix ?? (s.code && s.code.length === 1 ? s.code : null);
    if (!prefix || prefix.length !== 1 || !SPOKEN_LETTERS.includes(prefix)) {
      say(p + ".prefix", `Chữ đầu số phải là một chữ in hoa đọc được: ${SPOKEN_LETTERS.split("").join(", ")}.`, `The prefix must be one capital letter that can be read out: ${SPOKEN_LETTERS.split("").join(", ")}.`);
    } else if (prefixes.has(prefix)) {
      say(p + ".prefix", `Chữ "${prefix}" đã dùng cho lĩnh vực khác.`, `Prefix "${prefix}" is used by another field.`);
    }
    prefixes.add(prefix);
    const width = s.width ?? 3;
    if (![3, 4].includes(width)) say(p + ".width", "Số chữ số là 3 hoặc 4.", "Digits: 3 or 4.");
    if (s.dailyCap != null && (!Number.isInteger(s.dailyCap) || s.dailyCap < 1 || s.dailyCap > 10 ** width - 1)) {
      say(p + ".dailyCap", `Số vé tối đa một ngày từ 1 đến ${10 ** width - 1} (để trống: không giới hạn).`, `Daily cap from 1 to ${10 ** width - 1} (empty: no cap).`);
    }
    if (s.expectedServiceMinutes != null && (!Number.isInteger(s.expectedServiceMinutes) || s.expectedServiceMinutes < 1 || s.expectedServiceMinutes > 240)) {
      say(p + ".expectedServiceMinutes", "Thời gian dự kiến từ 1 đến 240 phút.", "Expected minutes from 1 to 240.");
    }
    if (!(doc.counters || []).some(c => (c.services || []).includes(s.code))) {
      say(p + ".code", `Chưa có quầy nào phục vụ lĩnh vực ${s.code || ""}: hãy thêm lĩnh vực này cho ít nhất một quầy.`, `No counter serves field ${s.code || ""}: add it to at least one counter.`);
    }
  });
  const numbers = new Set();
  (doc.counters || []).forEach((c, i) => {
    const p = `counters[${i}]`;
    if (!Number.isInteger(c.number) || c.number < 1 || c.number > 999) say(p + ".number", "Số quầy từ 1 đến 999.", "Counter number from 1 to 999.");
    else if (numbers.has(c.number)) say(p + ".number", `Số quầy ${c.number} bị trùng.`, `Counter ${c.number} is listed twice.`);
    numbers.add(c.number);
    if (!(c.services || []).length) say(p + ".services", "Quầy cần phục vụ ít nhất một lĩnh vực.", "A counter serves at least one field.");
  });
  if (!services.length) say("services", "Điểm cần ít nhất một lĩnh vực.", "A site needs at least one field.");
  if (!(doc.counters || []).length) say("counters", "Điểm cần ít nhất một quầy.", "A site needs at least one counter.");
  const hours = doc.openingHours || {};
  for (const key of Object.keys(hours)) {
    let end = null;
    for (const session of hours[key]) {
      const m = /^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$/.exec(session);
      const from = m && Number(m[1]) * 60 + Number(m[2]);
      const to = m && Number(m[3]) * 60 + Number(m[4]);
      if (!m || Number(m[1]) > 23 || Number(m[3]) > 23 || Number(m[2]) > 59 || Number(m[4]) > 59 || to <= from) {
        say("openingHours." + key, `"${session}" không phải một buổi hợp lệ (ví dụ 07:30-11:30).`, `"${session}" is not a valid session (e.g. 07:30-11:30).`);
      } else if (end !== null && from < end) {
        say("openingHours." + key, "Các buổi phải theo thứ tự thời gian và không chồng nhau.", "Sessions must be in time order and must not overlap.");
      } else {
        end = to;
      }
    }
  }
  const cutoff = doc.ticketCutoffMinutes;
  if (cutoff != null && (!Number.isInteger(cutoff) || cutoff < 0 || cutoff > 240)) say("ticketCutoffMinutes", "Từ 0 đến 240 phút.", "From 0 to 240 minutes.");
  (doc.holidays || []).forEach((h, i) => {
    const item = typeof h === "string" ? { date: h } : h;
    const from = item.date || item.from;
    const isDay = text => /^\d{4}-\d{2}-\d{2}$/.test(text || "");
    if (!from) say(`holidays[${i}]`, "Cần nhập ngày nghỉ (dd/mm/yyyy).", "Enter the day (dd/mm/yyyy).");
    else if (!isDay(from) || (item.to && !isDay(item.to))) {
      say(`holidays[${i}]`, `"${XephangDays.shown(isDay(from) ? item.to : from)}" không phải một ngày: nhập dạng dd/mm/yyyy, ví dụ 02/09/2026.`,
        `"${XephangDays.shown(isDay(from) ? item.to : from)}" is not a day: enter dd/mm/yyyy, e.g. 02/09/2026.`);
    } else if (item.to && item.to < item.from) say(`holidays[${i}]`, "\"Đến ngày\" không được trước \"Từ ngày\".", "\"To\" must not be before \"From\".");
  });
  (services).forEach((s, i) => (s.procedures || []).forEach((p, j) => {
    if (!p.name || !p.name.trim()) say(`services[${i}].procedures[${j}].name`, "Cần nhập tên thủ tục.", "The procedure's name is required.");
  }));
  return problems;
}

async function save() {
  clearErrors();
  $("save-error").hidden = true;
  $("save-error").textContent = "";
  $("save-message").textContent = "";
  const problems = validate();
  if (problems.length) {
    showTabOf(problems[0][0]);
    problems.forEach(([path, message]) => showError(path, message));
    return;
  }
  $("save").disabled = true;
  try {
    const saved = await api(API + "/admin/sites/" + encodeURIComponent(siteCode), { method: "PUT", json: { version: base.version, document: doc } });
    base = { version: saved.version, document: saved.document };
    doc = copy(saved.document);
    $("reload").hidden = true;
    render();
    say($("save-message"), `Đã lưu và áp dụng (phiên bản ${saved.version}).`, `Saved and applied (version ${saved.version}).`);
  } catch (e) {
    refused(e);
  } finally {
    $("save").disabled = false;
  }
}

// A refusal of the server: a stale version, a change that would strand tickets, or invalid keys. Nothing typed is lost.
function refused(e) {
  const message = e.vi ?? e.message ?? "";
  const messageEn = e.en ?? message;
  if (e.status === 409 && message.startsWith("version:")) {
    $("save-error").hidden = false;
    say($("save-error"), "Cấu hình đã được người khác thay đổi — tải lại. Các thay đổi của bạn vẫn được giữ và sẽ được áp dụng lên phiên bản mới.",
      "Configuration changed by someone else — reload. Your changes are kept and will be applied to the new version.");
    $("reload").hidden = false;
    return;
  }
  const body = e.body || {};
  if (body.field) {
    showTabOf(body.field === "counters" ? "counters" : body.field);
    const path = body.service && body.field === "services" ? `services[${indexOfService(body.service)}].code` : body.field;
    const box = showError(path, [message, messageEn].map(m => m.replace(/^[\w.[\]]+: /, "")));
    if (body.canClose && box) offerClosing(box, body.service);
    return;
  }
  // "Cấu hình không hợp lệ (2 lỗi): services[1].prefix: …; counters[0].services: …"
  const list = message.replace(/^[^:]*\(\d+ lỗi\):\s*/, "");
  if (list === message) {
    showError("", [message, messageEn]);
    return;
  }
  const parts = list.split(/; (?=[\w[\].]+: )/);
  let first = null;
  for (const part of parts) {
    const m = /^([\w[\].]+): (.*)$/.exec(part);
    if (m) {
      first = first || m[1];
      showError(m[1], ["Không hợp lệ: " + m[2], "Invalid: " + m[2]]);
    } else {
      showError("", part);
    }
  }
  if (first) showTabOf(first);
}

function indexOfService(code) { return (doc.services || []).findIndex(s => s.code === code); }

// The field cannot be retired while tickets are open: offer to close it for new tickets instead.
function offerClosing(box, code) {
  const retired = (base.document.services || []).find(s => s.code === code);
  if (!retired) return;
  // Both texts kept (data-vi, data-en): a language switch says it again and leaves the button where it is.
  const vi = `Ngừng cấp số mới cho lĩnh vực ${code} thay vì bỏ`;
  const en = `Close field ${code} for new tickets instead`;
  box.after(el("div", { className: "offer" }, el("button", {
    type: "button", className: "primary", textContent: t(vi, en), dataset: { vi, en },
    onclick: () => {
      const kept = Object.assign(copy(retired), { closed: true });
      const at = (base.document.services || []).findIndex(s => s.code === code);
      doc.services.splice(Math.min(at, doc.services.length), 0, kept);
      for (const counter of doc.counters || []) {
        const was = (base.document.counters || []).find(c => c.number === counter.number);
        if (was && was.services.includes(code) && !counter.services.includes(code)) counter.services.push(code);
      }
      render();
      changed();
      save();
    },
  })));
}

// The newest stored version with this page's edits applied on top: keys, services and counters it changed win.
async function reload() {
  const stored = await api(API + "/admin/sites/" + encodeURIComponent(siteCode));
  const mine = doc;
  const theirs = copy(stored.document);
  const merged = theirs;
  for (const key of new Set([...Object.keys(base.document), ...Object.keys(mine)])) {
    if (key === "services" || key === "counters") continue;
    if (!same(base.document[key], mine[key])) {
      if (mine[key] === undefined) delete merged[key]; else merged[key] = copy(mine[key]);
    }
  }
  merged.services = mergeList(base.document.services || [], mine.services || [], theirs.services || [], s => s.code);
  merged.counters = mergeList(base.document.counters || [], mine.counters || [], theirs.counters || [], c => c.number);
  base = { version: stored.version, document: stored.document };
  doc = merged;
  clearErrors();
  $("save-error").hidden = true;
  $("reload").hidden = true;
  render();
  changed();
  say($("save-message"), `Đã tải phiên bản ${stored.version}; thay đổi của bạn được giữ — kiểm tra rồi bấm Lưu.`,
    `Loaded version ${stored.version}; your changes are kept — check them, then Save.`);
}

function mergeList(was, mine, theirs, id) {
  const result = theirs.map(copy);
  const find = (list, key) => list.findIndex(x => id(x) === key);
  for (const item of was) {
    if (find(mine, id(item)) < 0) { const at = find(result, id(item)); if (at >= 0) result.splice(at, 1); }
  }
  for (const item of mine) {
    const before = was.find(x => id(x) === id(item));
    if (before && same(before, item)) continue;
    const at = find(result, id(item));
    if (at >= 0) result[at] = copy(item); else result.push(copy(item));
  }
  return result;
}

// ---- tabs ---------------------------------------------------------------------------------------------------------

function showTab(name) {
  tab = name;
  document.querySelectorAll("#tabs button").forEach(b => b.classList.toggle("active", b.dataset.tab === name));
  document.querySelectorAll(".tab").forEach(s => { s.hidden = s.id !== "tab-" + name; });
  const editing = ["calendar", "services", "counters", "catalogue"].includes(name);
  $("save-bar").hidden = !editing;
  if (!editing) $("save-error").hidden = true;
  if (name === "accounts") loadAccounts();
  if (name === "audit") loadAudit(false);
  if (name === "devices") loadDevices();
}

function showTabOf(path) {
  if (/^(openingHours|holidays|ticketCutoffMinutes)/.test(path)) showTab("calendar");
  else if (/^services\[\d+\]\.procedures/.test(path)) showTab("catalogue");
  else if (/^services/.test(path)) showTab("services");
  else if (/^counters/.test(path)) showTab("counters");
  else if (path === "notifications.provider") showTab("services");
}

function render() {
  renderCalendar();
  renderServices();
  renderCounters();
  renderCatalogue();
  renderDevices();
  renderAccounts();
  $("version").textContent = t(`Phiên bản ${base.version}`, `Version ${base.version}`);
  $("dirty").hidden = same(doc, base.document);
}

// ---- calendar -----------------------------------------------------------------------------------------------------

function renderCalendar() {
  const hours = doc.openingHours;
  $("sessions").replaceChildren(...DAY_KEYS.map(key => {
    const sessions = hours ? hours[key] : key === "weekdays" ? DEFAULT_WEEKDAYS : undefined;
    const input = el("input", {
      value: sessions === undefined ? "" : sessions.length === 0 ? "nghỉ" : sessions.join(", "),
      placeholder: key === "weekdays" || key === "saturday" || key === "sunday" ? t("nghỉ", "closed") : t("như Thứ Hai – Thứ Sáu", "as Monday – Friday"),
      dataset: { path: "openingHours." + key, day: key },
      oninput: event => { setSessions(key, event.target.value); changed(); },
    });
    return el("tr", {}, el("th", { textContent: pair(DAY_NAMES[key]) }), el("td", {}, input, fieldError("openingHours." + key)));
  }));
  $("cutoff").value = doc.ticketCutoffMinutes ?? 15;
  $("holidays").replaceChildren(...(doc.holidays || []).map((h, i) => {
    const item = typeof h === "string" ? { date: h } : h;
    // dd/mm/yyyy in both languages (not <input type=date>, which follows the browser's locale); kept as typed until
    // it reads as a day, so the check before saving can name it
    const day = input => XephangDays.iso(input.value) || input.value.trim();
    const update = row => {
      const from = day(row.querySelector(".from"));
      const to = day(row.querySelector(".to"));
      const name = row.querySelector(".name").value.trim();
      const next = !to || to === from ? { date: from } : { from, to };
      if (name) next.name = name;
      doc.holidays[i] = next;
      changed();
    };
    const row = el("tr", { dataset: { holiday: String(i) } },
      el("td", {}, el("input", Object.assign({ className: "from", value: XephangDays.shown(item.date || item.from), dataset: { path: `holidays[${i}]` }, oninput: () => update(row) }, DAY_INPUT)),
        fieldError(`holidays[${i}]`)),
      el("td", {}, el("input", Object.assign({ className: "to", value: XephangDays.shown(item.to), oninput: () => update(row) }, DAY_INPUT))),
      el("td", {}, el("input", { className: "name", value: item.name || "", placeholder: t("ngày nghỉ lễ", "holiday"), oninput: () => update(row) })),
      el("td", {}, el("button", { type: "button", className: "small danger", textContent: t("Xóa", "Remove"),
        onclick: () => { doc.holidays.splice(i, 1); if (!doc.holidays.length) delete doc.holidays; renderCalendar(); changed(); } })));
    return row;
  }));
}

function setSessions(key, text) {
  if (!doc.openingHours) doc.openingHours = { weekdays: DEFAULT_WEEKDAYS.slice() };
  const value = text.trim();
  if (!value) delete doc.openingHours[key];
  else if (/^(nghỉ|nghi|closed|-)$/i.test(value)) doc.openingHours[key] = [];
  else doc.openingHours[key] = value.split(/[,;]/).map(s => s.trim()).filter(Boolean);
}

// ---- fields (services) --------------------------------------------------------------------------------------------

function numberOrNull(text) {
  const value = String(text).trim();
  if (value === "") return null;
  return /^\d+$/.test(value) ? Number(value) : NaN;
}

function renderServices() {
  $("services").replaceChildren(...(doc.services || []).map((s, i) => {
    const p = `services[${i}]`;
    const text = (key, props = {}) => el("td", { className: props.className || "" }, el("input", Object.assign({
      value: s[key] ?? "", dataset: { path: `${p}.${key}` },
      oninput: event => {
        const v = event.target.value;
        const before = s[key];
        if (props.number) { const n = numberOrNull(v); if (n === null) delete s[key]; else s[key] = Number.isNaN(n) ? v : n; }
        else if (v.trim() === "" && props.optional) delete s[key];
        else s[key] = v;
        if (key === "code") renameService(before, v);
        changed();
      },
    }, props.input || {})), fieldError(`${p}.${key}`));
    const known = (base.document.services || []).some(b => b.code === s.code);
    const row = el("tr", { className: s.closed ? "retired" : "", dataset: { service: s.code || "" } },
      text("code", { className: "code", input: { readOnly: known, title: known ? t("Mã lĩnh vực đã dùng không đổi được", "A field's code cannot change") : "" } }),
      text("name"),
      text("nameEn", { optional: true }),
      text("prefix", { className: "code", optional: true, input: { maxLength: 1, placeholder: s.code && s.code.length === 1 ? s.code : "" } }),
      text("width", { className: "narrow", number: true, input: { placeholder: "3" } }),
      text("dailyCap", { className: "narrow", number: true, input: { placeholder: t("không", "none") } }),
      text("expectedServiceMinutes", { className: "narrow", number: true, input: { placeholder: "10" } }),
      el("td", {}, el("input", { type: "checkbox", checked: !!s.closed, className: "closed", dataset: { path: `${p}.closed` },
        title: t("Ki-ốt không cấp số mới; các vé đã cấp vẫn được gọi", "Kiosks issue no new numbers; issued tickets are still called"),
        onchange: event => { if (event.target.checked) s.closed = true; else delete s.closed; renderServices(); changed(); } })),
      el("td", {}, el("button", { type: "button", className: "small danger retire", textContent: t("Bỏ lĩnh vực", "Retire"),
        onclick: () => retireService(i) })));
    return row;
  }));
}

// A new field's code typed: the counters it was already added to follow.
function renameService(before, code) {
  if (!before || before === code) return;
  for (const counter of doc.counters || []) counter.services = (counter.services || []).map(c => c === before ? code : c);
  renderCounters();
  renderCatalogue();
}

function retireService(index) {
  const code = doc.services[index].code;
  doc.services.splice(index, 1);
  for (const counter of doc.counters || []) counter.services = (counter.services || []).filter(c => c !== code);
  render();
  changed();
}

function addService() {
  const used = new Set((doc.services || []).map(s => s.prefix || s.code));
  const letter = SPOKEN_LETTERS.split("").find(l => !used.has(l)) || "";
  doc.services = doc.services || [];
  doc.services.push({ code: letter, name: "" });
  render();
  changed();
  const inputs = document.querySelectorAll(`#services tr:last-child input`);
  if (inputs[1]) inputs[1].focus();
}

// ---- counters -----------------------------------------------------------------------------------------------------

function serviceLabel(code) {
  const s = (doc.services || []).find(x => x.code === code);
  return s ? `${code} · ${s.name || ""}` : code;
}

function renderCounters() {
  $("counters").replaceChildren(...(doc.counters || []).map((c, i) => {
    const p = `counters[${i}]`;
    c.services = c.services || [];
    const chips = c.services.map((code, j) => el("span", { className: "chip", dataset: { service: code } },
      el("span", { textContent: `${j + 1}. ${serviceLabel(code)}` }),
      j > 0 ? el("button", { type: "button", title: t("Lên trước", "Move up"), textContent: "↑",
        onclick: () => { c.services.splice(j - 1, 0, c.services.splice(j, 1)[0]); renderCounters(); changed(); } }) : null,
      el("button", { type: "button", className: "remove", title: t("Bỏ lĩnh vực khỏi quầy", "Remove from the counter"), textContent: "×",
        onclick: () => { c.services.splice(j, 1); renderCounters(); changed(); } })));
    const missing = (doc.services || []).filter(s => s.code && !c.services.includes(s.code));
    const adder = missing.length ? el("select", { className: "add-service", dataset: { path: `${p}.services` },
      onchange: event => { if (event.target.value) { c.services.push(event.target.value); renderCounters(); changed(); } } },
    el("option", { value: "", textContent: t("+ thêm lĩnh vực", "+ add a field") }),
    ...missing.map(s => el("option", { value: s.code, textContent: serviceLabel(s.code) }))) : null;
    return el("tr", { dataset: { counter: String(c.number ?? "") } },
      el("td", { className: "narrow" }, el("input", { type: "number", min: 1, max: 999, value: c.number ?? "", dataset: { path: `${p}.number` },
        oninput: event => { const n = numberOrNull(event.target.value); c.number = n === null || Number.isNaN(n) ? event.target.value : n; changed(); } }),
      fieldError(`${p}.number`)),
      el("td", {}, el("input", { value: c.name ?? "", placeholder: `Quầy ${c.number ?? ""}`, dataset: { path: `${p}.name` },
        oninput: event => { if (event.target.value.trim()) c.name = event.target.value; else delete c.name; changed(); } }), fieldError(`${p}.name`)),
      el("td", {}, el("select", { dataset: { path: `${p}.order` }, onchange: event => { if (event.target.value === "fcfs") delete c.order; else c.order = event.target.value; changed(); } },
        el("option", { value: "fcfs", textContent: t("Ai đến trước gọi trước", "First come, first served"), selected: (c.order || "fcfs") === "fcfs" }),
        el("option", { value: "listed", textContent: t("Theo thứ tự lĩnh vực", "In listed order"), selected: c.order === "listed" }))),
      el("td", {}, el("div", { className: "chips" }, ...chips, adder), fieldError(`${p}.services`)),
      el("td", {}, el("button", { type: "button", className: "small danger", textContent: t("Bỏ quầy", "Remove"),
        onclick: () => { doc.counters.splice(i, 1); render(); changed(); } })));
  }));
}

function addCounter() {
  doc.counters = doc.counters || [];
  const next = Math.max(0, ...doc.counters.map(c => Number(c.number) || 0)) + 1;
  doc.counters.push({ number: next, services: [] });
  render();
  changed();
}

// ---- catalogue ----------------------------------------------------------------------------------------------------

function renderCatalogue() {
  $("catalogue").replaceChildren(...(doc.services || []).map((s, i) => {
    s.procedures = s.procedures || [];
    const list = s.procedures.map((p, j) => {
      const path = `services[${i}].procedures[${j}]`;
      const set = (key, value) => { if (value === "" || (Array.isArray(value) && !value.length)) delete p[key]; else p[key] = value; changed(); };
      return el("div", { className: "procedure", dataset: { procedure: `${s.code}-${j}` } },
        el("label", {}, t("Tên thủ tục", "Procedure"), el("input", { value: p.name || "", dataset: { path: path + ".name" }, oninput: e => set("name", e.target.value) }), fieldError(path + ".name")),
        el("label", {}, t("Giấy tờ (mỗi dòng một loại)", "Documents (one a line)"), el("textarea", { value: (p.documents || []).join("\n"),
          oninput: e => set("documents", e.target.value.split("\n").map(x => x.trim()).filter(Boolean)) })),
        el("label", {}, t("Thời hạn giải quyết", "Processing time"), el("input", { value: p.processingTime || "", oninput: e => set("processingTime", e.target.value) })),
        el("label", {}, t("Phí, lệ phí", "Fee"), el("input", { value: p.fee || "", oninput: e => set("fee", e.target.value) })),
        el("button", { type: "button", className: "small danger", textContent: t("Xóa", "Remove"),
          onclick: () => { s.procedures.splice(j, 1); renderCatalogue(); changed(); } }));
    });
    return el("div", { className: "catalogue-service" },
      el("h3", { textContent: serviceLabel(s.code) }), ...list,
      el("button", { type: "button", className: "small add-procedure", dataset: { service: s.code || "" }, textContent: t("+ Thêm thủ tục", "+ Add a procedure"),
        onclick: () => { s.procedures.push({ name: "" }); renderCatalogue(); changed(); } }));
  }));
  // an empty list is not written back
  for (const s of doc.services || []) if (s.procedures && !s.procedures.length && !(base.document.services || []).find(b => b.code === s.code)?.procedures) delete s.procedures;
}

// ---- devices (live) -----------------------------------------------------------------------------------------------

function follow() {
  if (source) source.close();
  const token = sessionStorage.getItem(TOKEN_KEY) || "";
  source = new EventSource(API + "/sites/" + encodeURIComponent(siteCode) + "/events?access_token=" + encodeURIComponent(token));
  source.onopen = () => live(true);
  source.onerror = () => live(false);
  source.onmessage = message => {
    const event = JSON.parse(message.data);
    if (event.type === "device.status") {
      devices.set(event.device, Object.assign({}, devices.get(event.device), event));
      renderDevices();
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(loadDevices, 300);
    }
    if (event.type === "config.changed" && base && event.version > base.version && !$("save").disabled) {
      $("save-message").textContent = "";
      if (same(doc, base.document)) {
        openSite(siteCode);
      } else {
        $("save-error").hidden = false;
        say($("save-error"), "Cấu hình đã được người khác thay đổi — tải lại. Các thay đổi của bạn vẫn được giữ.",
          "Configuration changed by someone else — reload. Your changes are kept.");
        $("reload").hidden = false;
      }
    }
  };
}

function live(up) {
  $("live").hidden = false;
  $("live").dataset.up = String(up);
  renderLive();
}

/** The stream's state in the page's language (kept in data-up, so a language switch says it again). */
function renderLive() {
  const up = $("live").dataset.up === "true";
  $("live").textContent = up ? t("Trực tiếp", "Live") : t("Mất kết nối, đang thử lại…", "Connection lost, retrying…");
  $("live").classList.toggle("lost", !up);
}

async function loadDevices() {
  if (!siteCode) return;
  try {
    const known = await api(API + "/sites/" + encodeURIComponent(siteCode) + "/devices");
    devices.clear();
    for (const device of known.devices || []) devices.set(device.device, device);
    renderDevices();
  } catch (e) {
    live(false);
  }
}

function deviceState(state) {
  const vi = { ONLINE: "hoạt động", PAPER_NEAR_END: "sắp hết giấy", PAPER_OUT: "hết giấy", COVER_OPEN: "nắp đang mở", OFFLINE: "mất kết nối", ERROR: "bị lỗi" };
  const en = { ONLINE: "online", PAPER_NEAR_END: "paper low", PAPER_OUT: "out of paper", COVER_OPEN: "cover open", OFFLINE: "offline", ERROR: "error" };
  return (lang === "vi" ? vi : en)[state] || state;
}
function deviceKind(kind) {
  const names = { printer: ["Máy in vé", "Ticket printer"], scanner: ["Máy quét mã", "Scanner"], led: ["Bảng LED", "LED display"],
    keypad: ["Bàn phím đánh giá", "Rating keypad"], kiosk: ["Ki-ốt", "Kiosk"], board: ["Màn hình phòng chờ", "Hall screen"], counter: ["Máy tính quầy", "Counter PC"] };
  return pair(names[kind]) || kind;
}
function deviceClass(state) {
  return { OFFLINE: "offline", ERROR: "offline", PAPER_OUT: "paper-out", COVER_OPEN: "paper-out", PAPER_NEAR_END: "near-end" }[state] || "ok";
}
function siteTime(iso) {
  if (!iso) return "–";
  return new Date(Date.parse(iso)).toLocaleString(lang === "vi" ? "vi-VN" : "en-GB",
    { timeZone, hour: "2-digit", minute: "2-digit", second: "2-digit", day: "2-digit", month: "2-digit" });
}

function renderDevices() {
  const rank = { offline: 0, "paper-out": 1, "near-end": 2, ok: 3 };
  const list = [...devices.values()].sort((a, b) => rank[deviceClass(a.state)] - rank[deviceClass(b.state)] || a.device.localeCompare(b.device));
  $("no-devices").hidden = list.length > 0;
  $("devices").replaceChildren(...list.map(d => el("tr", { className: deviceClass(d.state), dataset: { device: d.device, state: d.state } },
    el("td", { textContent: d.device }),
    el("td", { textContent: deviceKind(d.kind) }),
    el("td", { className: "device-state", textContent: deviceState(d.state) }),
    el("td", { textContent: d.detail || "" }),
    el("td", { className: "num", textContent: siteTime(d.lastSeen) }))));
}

// ---- accounts -----------------------------------------------------------------------------------------------------

async function loadAccounts() {
  $("accounts-error").textContent = "";
  try {
    const body = await api(API + "/admin/accounts?site=" + encodeURIComponent(siteCode));
    accounts = body.accounts || [];
  } catch (e) {
    accounts = [];
    sayError($("accounts-error"), e);
  }
  renderAccounts();
}

function counterNumbers() { return (doc?.counters || []).map(c => c.number).filter(Number.isInteger); }

function counterChecks(selected, onChange) {
  return counterNumbers().map(n => el("label", {}, el("input", { type: "checkbox", value: String(n), checked: selected.includes(n),
    onchange: onChange }), String(n)));
}

async function patchAccount(username, change, done) {
  $("accounts-error").textContent = "";
  try {
    await api(API + "/admin/accounts/" + encodeURIComponent(username), { method: "PATCH", json: change });
    if (done) done();
    await loadAccounts();
  } catch (e) {
    sayError($("accounts-error"), e, `${username}: `);
  }
}

function renderAccounts() {
  if (!doc) return;
  $("accounts").replaceChildren(...accounts.map(a => {
    const role = el("select", { className: "role", onchange: e => patchAccount(a.username, { role: e.target.value }) },
      ...ROLES.map(r => el("option", { value: r, textContent: pair(ROLE_NAMES[r]), selected: r === String(a.role).toUpperCase() })));
    const counters = String(a.role).toUpperCase() === "OFFICER"
      ? el("div", { className: "checks counters" }, ...counterChecks(a.counters || [], event => {
        const box = event.target.closest(".counters");
        const chosen = [...box.querySelectorAll("input:checked")].map(x => Number(x.value));
        patchAccount(a.username, { counters: chosen });
      }))
      : el("span", { className: "muted", textContent: "–" });
    const passwordBox = el("span", { className: "password-box", hidden: true },
      el("input", { type: "password", className: "new-password-input", placeholder: t("mật khẩu mới", "new password"), autocomplete: "new-password" }),
      el("button", { type: "button", className: "small", textContent: t("Lưu", "Save"), onclick: event => {
        const input = event.target.parentElement.querySelector("input");
        const weak = passwordProblem(a.username, input.value);
        if (weak) { say($("accounts-error"), `${a.username}: ${weak[0]}`, `${a.username}: ${weak[1]}`); return; }
        patchAccount(a.username, { password: input.value }, () => showPassword(a.username, null));
      } }));
    const row = el("tr", { className: a.disabled ? "disabled" : "", dataset: { account: a.username } },
      el("td", { textContent: a.username }),
      el("td", { textContent: a.displayName || "" }),
      el("td", {}, role),
      el("td", { textContent: (a.sites || []).length ? a.sites.join(", ") : t("tất cả", "all") }),
      el("td", {}, counters),
      el("td", { className: "state", textContent: a.disabled ? t("Đã khóa", "Disabled") : t("Hoạt động", "Active") }),
      el("td", { textContent: a.lastSignInAt ? siteTime(a.lastSignInAt) : "–" }),
      el("td", {}, el("div", { className: "actions" },
        el("button", { type: "button", className: "small toggle", textContent: a.disabled ? t("Mở khóa", "Enable") : t("Khóa", "Disable"),
          onclick: () => patchAccount(a.username, { disabled: !a.disabled }) }),
        el("button", { type: "button", className: "small reset", textContent: t("Đặt lại mật khẩu", "Reset password"),
          onclick: () => { passwordBox.hidden = !passwordBox.hidden; } }),
        el("button", { type: "button", className: "small revoke", textContent: t("Thu hồi phiên", "Revoke tokens"),
          onclick: () => revoke(a.username) }),
        passwordBox)));
    return row;
  }));
  const role = $("account-role");
  if (!role.options.length || role.dataset.lang !== lang) {
    const chosen = role.value || "OFFICER";
    role.replaceChildren(...ROLES.map(r => el("option", { value: r, textContent: pair(ROLE_NAMES[r]), selected: r === chosen })));
    role.dataset.lang = lang;
  }
  const checked = [...$("account-counters").querySelectorAll("input:checked")].map(x => Number(x.value));
  $("account-counters").replaceChildren(...counterChecks(checked, () => {}));
  $("account-counters-box").hidden = role.value !== "OFFICER";
}

async function revoke(username) {
  $("accounts-error").textContent = "";
  try {
    await api(API + "/accounts/" + encodeURIComponent(username) + "/revoke-tokens", { method: "POST" });
    $("new-password").hidden = false;
    tellAccount(`Đã thu hồi mọi phiên đăng nhập của ${username}.`, `Every token of ${username} is revoked.`);
  } catch (e) {
    sayError($("accounts-error"), e, `${username}: `);
  }
}

// The server's strength rule: 10–64 characters, letters and digits, not containing the username.
function passwordProblem(username, password) {
  if (password.length < 10 || password.length > 64 || !/\p{L}/u.test(password) || !/\d/.test(password)
      || (username && password.toLowerCase().includes(username.toLowerCase()))) {
    return ["Mật khẩu cần 10–64 ký tự, có cả chữ và số, và không chứa tên đăng nhập.",
      "The password needs 10–64 characters, letters and digits, and must not contain the username."];
  }
  return null;
}

/** What was done to an account, in both languages, with a generated password after it when there is one. */
function tellAccount(vi, en, password) {
  const sentence = el("span");
  say(sentence, vi, en);
  $("new-password").hidden = false;
  $("new-password").replaceChildren(sentence, ...(password ? [el("code", { className: "generated", textContent: password })] : []));
}

function showPassword(username, password) {
  if (password) {
    tellAccount(`Mật khẩu của ${username} (chỉ hiện một lần, hãy ghi lại ngay): `, `Password of ${username} (shown once, note it now): `, password);
  } else {
    tellAccount(`Đã đổi mật khẩu của ${username}.`, `The password of ${username} is changed.`);
  }
}

async function createAccount(event) {
  event.preventDefault();
  document.querySelectorAll("#new-account [data-error-for]").forEach(n => { n.textContent = ""; });
  document.querySelectorAll("#new-account .invalid").forEach(n => n.classList.remove("invalid"));
  const role = $("account-role").value;
  const account = {
    username: $("account-username").value.trim(),
    role,
    displayName: $("account-display").value.trim() || undefined,
    sites: [siteCode],
    counters: role === "OFFICER" ? [...$("account-counters").querySelectorAll("input:checked")].map(x => Number(x.value)) : [],
  };
  const password = $("account-password").value;
  if (password) account.password = password;
  const problems = [];
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(account.username)) problems.push(["username", ["Tên đăng nhập: chữ không dấu, số, . _ - (tối đa 64).", "Username: letters, digits, . _ - (at most 64)."]]);
  if (!password && !["KIOSK", "DISPLAY"].includes(role)) problems.push(["password", ["Tài khoản của người dùng cần mật khẩu (10–64 ký tự, có chữ và số).", "A person's account needs a password (10–64 characters, letters and digits)."]]);
  else if (password && passwordProblem(account.username, password)) problems.push(["password", passwordProblem(account.username, password)]);
  if (problems.length) { problems.forEach(([f, m]) => showError(f, m, $("new-account"))); return; }
  try {
    const created = await api(API + "/admin/accounts", { method: "POST", json: account });
    $("new-account").reset();
    if (created.password) showPassword(created.username, created.password);
    else tellAccount(`Đã tạo tài khoản ${created.username}.`, `Account ${created.username} created.`);
    await loadAccounts();
  } catch (e) {
    if (e.body?.field) showError(e.body.field, bothTexts(e).map(m => m.replace(/^[\w.[\]]+: /, "")), $("new-account"));
    else if (e.body?.error === "ACCOUNT_EXISTS") showError("username", bothTexts(e), $("new-account"));
    else sayError($("accounts-error"), e);
  }
}

// ---- audit log ----------------------------------------------------------------------------------------------------

// Days typed dd/mm/yyyy, sent as YYYY-MM-DD: the server reads them as the site's local days. Throws on a non-day.
function auditQuery() {
  const query = new URLSearchParams({ site: siteCode, limit: "100" });
  for (const [id, key] of [["audit-from", "from"], ["audit-to", "to"]]) {
    const text = $(id).value.trim();
    if (!text) continue;
    const day = XephangDays.iso(text);
    if (!day) throw failure(`"${text}" không phải một ngày: nhập dạng dd/mm/yyyy, ví dụ 02/09/2026.`, `"${text}" is not a day: enter dd/mm/yyyy, e.g. 02/09/2026.`);
    query.set(key, day);
  }
  return query;
}

function auditDetail(detail) {
  if (detail === null || detail === undefined) return "";
  if (typeof detail === "string") return detail;
  if (typeof detail.text === "string" && Object.keys(detail).length === 1) return detail.text;
  return Object.entries(detail).map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`).join("; ");
}

async function loadAudit(more) {
  $("audit-error").textContent = "";
  try {
    const query = auditQuery();
    if (more && auditBefore !== null) query.set("before", String(auditBefore));
    const body = await api(API + "/admin/audit?" + query);
    const entries = body.entries || [];
    const rows = entries.map(e => el("tr", { dataset: { action: e.action || "" } },
      el("td", { className: "num", textContent: siteTime(e.at) }),
      el("td", { textContent: e.actor || "" }),
      el("td", { className: "action", textContent: e.action || "" }),
      el("td", { textContent: e.target || "" }),
      el("td", { textContent: e.client || e.address || "" }),
      el("td", { className: "detail", textContent: auditDetail(e.detail) })));
    if (more) $("audit").append(...rows); else $("audit").replaceChildren(...rows);
    auditBefore = body.nextBefore ?? null;
    $("audit-more").hidden = auditBefore === null;
    $("no-audit").hidden = $("audit").children.length > 0;
  } catch (e) {
    sayError($("audit-error"), e);
  }
}

async function downloadCsv() {
  $("audit-error").textContent = "";
  try {
    const query = auditQuery();
    query.set("format", "csv");
    query.delete("limit");
    const response = await api(API + "/admin/audit?" + query, { raw: true, headers: { "Accept": "text/csv" } });
    const blob = await response.blob();
    const link = el("a", { href: URL.createObjectURL(blob), download: `nhat-ky-${siteCode}.csv` });
    document.body.append(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  } catch (e) {
    sayError($("audit-error"), e);
  }
}

// ---- a new site (province administrator) ----------------------------------------------------------------------------

async function createSite(event) {
  event.preventDefault();
  document.querySelectorAll("#create-site [data-error-for]").forEach(n => { n.textContent = ""; });
  $("create-error").textContent = "";
  const code = $("new-code").value.trim();
  const name = $("new-name").value.trim();
  const service = $("new-service").value.trim();
  if (!/^[a-z0-9][a-z0-9-]{0,31}$/.test(code)) { showError("code", ["Mã điểm: chữ thường không dấu, số và dấu -, tối đa 32 ký tự (ví dụ tan-lap).", "Code: lower-case letters, digits and -, at most 32 (e.g. tan-lap)."], $("create-site")); return; }
  if (!name) { showError("name", ["Cần nhập tên điểm.", "The name is required."], $("create-site")); return; }
  if (!service) { showError("services", ["Cần nhập tên lĩnh vực đầu tiên.", "Name the first field."], $("create-site")); return; }
  const document_ = { code, name, services: [{ code: "A", name: service }], counters: [{ number: 1, services: ["A"] }] };
  try {
    await api(API + "/admin/sites", { method: "POST", json: { document: document_ } });
    sites.push({ code, name });
    $("site").append(el("option", { value: code, textContent: `${name} (${code})` }));
    $("create-site").reset();
    await openSite(code);
  } catch (e) {
    if (e.body?.field) showError(e.body.field, bothTexts(e).map(m => m.replace(/^[\w.[\]]+: /, "")), $("create-site"));
    else sayError($("create-error"), e);
  }
}

// ---- wiring -------------------------------------------------------------------------------------------------------

$("sign-in").addEventListener("submit", signIn);
$("sign-out").addEventListener("click", () => {
  api(API + "/auth/logout", { method: "POST" }).catch(() => {});
  signedOut();
});
$("lang").addEventListener("click", () => {
  lang = lang === "vi" ? "en" : "vi";
  localStorage.setItem("xephang.lang", lang);
  applyLanguage();
});
$("site").addEventListener("change", event => openSite(event.target.value).catch(e => { $("save-error").hidden = false; sayError($("save-error"), e); }));
$("tabs").addEventListener("click", event => { if (event.target.dataset.tab) showTab(event.target.dataset.tab); });
$("save").addEventListener("click", save);
$("reload").addEventListener("click", () => reload().catch(e => sayError($("save-error"), e)));
$("discard").addEventListener("click", () => { doc = copy(base.document); clearErrors(); $("save-error").hidden = true; render(); });
$("cutoff").addEventListener("input", event => {
  const n = numberOrNull(event.target.value);
  if (n === null) delete doc.ticketCutoffMinutes; else doc.ticketCutoffMinutes = Number.isNaN(n) ? event.target.value : n;
  changed();
});
$("add-holiday").addEventListener("click", () => { doc.holidays = doc.holidays || []; doc.holidays.push({ date: "" }); renderCalendar(); changed(); });
$("add-service").addEventListener("click", addService);
$("add-counter").addEventListener("click", addCounter);
$("account-role").addEventListener("change", () => { $("account-counters-box").hidden = $("account-role").value !== "OFFICER"; });
$("new-account").addEventListener("submit", createAccount);
$("audit-filter").addEventListener("submit", event => { event.preventDefault(); loadAudit(false); });
$("audit-more").addEventListener("click", () => loadAudit(true));
$("audit-csv").addEventListener("click", downloadCsv);
$("new-site").addEventListener("click", () => { $("view").hidden = true; $("create-site").hidden = false; $("new-code").focus(); });
$("create-site").addEventListener("submit", createSite);
$("create-cancel").addEventListener("click", () => { $("create-site").hidden = true; $("view").hidden = !doc; });
window.addEventListener("beforeunload", event => { if (doc && base && !same(doc, base.document)) event.preventDefault(); });
applyLanguage();
showTab("calendar");
if (sessionStorage.getItem(TOKEN_KEY)) start().catch(e => signedOut(...bothTexts(e)));
