"use strict";
// The staff's list of a day's bookings per field (issue 17): any staff account of the site (OFFICER, SUPERVISOR,
// ADMIN) signs in; the list is read from GET /api/v1/sites/{site}/appointments?date= (full names, masked phones) and
// read again every 30 s and when the day changes.
const $ = id => document.getElementById(id);
const STAFF_ROLES = ["OFFICER", "SUPERVISOR", "ADMIN"];
const TOKEN = "xephang.bookings.token";
const EVERY_MS = 30000;
let lang = localStorage.getItem("xephang.lang") === "en" ? "en" : "vi";
let site = null;
let bookings = null;
let day = null;
let serverOffset = 0;
let timer = null;

function t(vi, en) { return lang === "vi" ? vi : en; }
function say(node, vi, en) { XephangSaid.say(node, lang, vi, en); }

const api = XephangStaffApi.create({
  tokenKey: TOKEN,
  text: t,
  unreachable: () => t("Không kết nối được máy chủ.", "Cannot reach the server."),
  signedOut: message => signedOut(message),
  serverTime: ms => { serverOffset = ms - Date.now(); },
});

async function signIn(event) {
  event.preventDefault();
  $("error").textContent = "";
  try {
    const body = await XephangStaffApi.login(api);
    if (!STAFF_ROLES.includes(body.role)) {
      say($("error"), "Tài khoản này không phải tài khoản cán bộ.", "This is not a staff account.");
      return;
    }
    sessionStorage.setItem(TOKEN, body.token);
    localStorage.setItem("xephang.bookings.site", $("site").value.trim());
    await open($("site").value.trim());
  } catch (e) {
    say($("error"), e.vi ?? e.message, e.en ?? e.message);
  }
}

function signedOut(message) {
  sessionStorage.removeItem(TOKEN);
  clearInterval(timer);
  $("view").hidden = true;
  $("day").hidden = true;
  $("sign-out").hidden = true;
  $("sign-in").hidden = false;
  $("error").textContent = message || "";
}

async function open(code) {
  site = await api("/api/v1/sites/" + encodeURIComponent(code));
  $("site-name").textContent = "· " + site.name;
  day = XephangBookings.siteDay(Date.now() + serverOffset, site);
  $("day").value = XephangDays.shown(day);
  $("sign-in").hidden = true;
  $("view").hidden = false;
  $("day").hidden = false;
  $("sign-out").hidden = false;
  await load();
  clearInterval(timer);
  timer = setInterval(load, EVERY_MS);
}

async function load() {
  if (!site) return;
  const asked = day;
  try {
    const answer = await api("/api/v1/sites/" + encodeURIComponent(site.code) + "/appointments?date=" + asked);
    if (asked !== day) return;
    bookings = answer.appointments || [];
    render();
  } catch (e) {
    say($("error"), e.vi ?? e.message, e.en ?? e.message);
  }
}

function render() {
  document.documentElement.lang = lang;
  document.querySelectorAll("[data-vi]").forEach(node => { node.textContent = node.dataset[lang]; });
  XephangSaid.again(lang);
  $("lang").textContent = lang === "vi" ? "English" : "Tiếng Việt";
  if (!bookings || !site) return;
  $("no-bookings").hidden = bookings.length > 0;
  XephangBookings.render($("bookings"), bookings, site, lang, Date.now() + serverOffset);
}

$("sign-in").addEventListener("submit", signIn);
$("sign-out").addEventListener("click", () => signedOut());
$("lang").addEventListener("click", () => {
  lang = lang === "vi" ? "en" : "vi";
  localStorage.setItem("xephang.lang", lang);
  render();
});
// the day typed dd/mm/yyyy in both languages (an <input type=date> follows the browser's locale: mm/dd/yyyy)
$("day").addEventListener("change", () => {
  const text = $("day").value.trim();
  const typed = XephangDays.iso(text);
  say($("day-error"), typed || !text ? "" : `"${text}" không phải một ngày: nhập dạng dd/mm/yyyy, ví dụ 02/09/2026.`,
    `"${text}" is not a day: enter dd/mm/yyyy, e.g. 02/09/2026.`);
  if (!typed) {
    if (!text) $("day").value = XephangDays.shown(day);
    return;
  }
  day = typed;
  bookings = null;
  load();
});
$("site").value = new URLSearchParams(location.search).get("site") || localStorage.getItem("xephang.bookings.site") || "";
render();
if (!$("site").value) {
  fetch("/health").then(r => r.json()).then(h => {
    if (!$("site").value && Array.isArray(h.sites) && h.sites.length) $("site").value = h.sites[0];
  }).catch(() => {});
}
if (sessionStorage.getItem(TOKEN) && $("site").value) open($("site").value).catch(e => signedOut(e.message));
