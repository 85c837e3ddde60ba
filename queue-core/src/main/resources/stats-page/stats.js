"use strict";
// The managers' statistics page: signs in (SUPERVISOR or ADMIN only), reads GET /api/v1/sites/{site}/stats and shows
// cards, charts, tables and a CSV that a spreadsheet can compute with.
const $ = id => document.getElementById(id);
const MANAGER_ROLES = ["SUPERVISOR", "ADMIN"];
let lang = localStorage.getItem("xephang.lang") === "en" ? "en" : "vi";
let report = null;

// [machine name, Vietnamese heading, English heading, value on the page, value in the CSV (a number or empty)]
const COLUMNS = [
  ["issued", "Lấy số", "Issued", f => f.issued, f => f.issued],
  ["served", "Đã phục vụ", "Served", f => f.served, f => f.served],
  ["no_show", "Vắng mặt", "No-show", f => f.noShow, f => f.noShow],
  ["cancelled", "Đã hủy", "Cancelled", f => f.cancelled, f => f.cancelled],
  ["open", "Đang mở", "Open", f => f.open, f => f.open],
  ["wait_mean_min", "Chờ TB (phút)", "Mean wait (min)", f => minutes(f.waitSeconds.mean), f => csvMinutes(f.waitSeconds.mean)],
  ["wait_p90_min", "Chờ P90 (phút)", "P90 wait (min)", f => minutes(f.waitSeconds.p90), f => csvMinutes(f.waitSeconds.p90)],
  ["walk_mean_min", "Đi tới quầy TB (phút)", "Mean walk (min)", f => minutes(f.walkSeconds.mean), f => csvMinutes(f.walkSeconds.mean)],
  ["service_mean_min", "Phục vụ TB (phút)", "Mean service (min)", f => minutes(f.serviceSeconds.mean), f => csvMinutes(f.serviceSeconds.mean)],
  ["service_p90_min", "Phục vụ P90 (phút)", "P90 service (min)", f => minutes(f.serviceSeconds.p90), f => csvMinutes(f.serviceSeconds.p90)],
  ["no_show_rate", "Tỉ lệ vắng", "No-show rate", f => percent(f.noShowRate), f => fraction(f.noShowRate)],
  ["priority_share", "Ưu tiên", "Priority share", f => percent(f.priorityShare), f => fraction(f.priorityShare)],
  ["dossier_link_rate", "Gắn hồ sơ", "Dossier linked", f => percent(f.dossierLinkRate), f => fraction(f.dossierLinkRate)],
  ["ratings", "Lượt đánh giá", "Ratings", f => f.ratings.count, f => f.ratings.count],
  ["satisfaction_rate", "Hài lòng", "Satisfied", f => percent(f.ratings.satisfactionRate), f => fraction(f.ratings.satisfactionRate)],
];
const GROUPS = [
  ["byService", "service", "Lĩnh vực", "Field"],
  ["byCounter", "counter", "Quầy", "Counter"],
  ["byOfficer", "officer", "Cán bộ", "Officer"],
  ["byHour", "hour", "Giờ lấy số", "Hour of issue"],
  ["byDay", "day", "Ngày", "Day"],
];

function t(vi, en) { return lang === "vi" ? vi : en; }
function decimal(value, digits) { return value.toFixed(digits).replace(".", lang === "vi" ? "," : "."); }
function minutes(seconds) {
  if (seconds === null || seconds === undefined) return "–";
  return decimal(seconds / 60, 1);
}
function percent(ratio) {
  if (ratio === null || ratio === undefined) return "–";
  return decimal(ratio * 100, 1) + " %";
}
// CSV numbers: a dot as decimal mark, no unit, nothing for "no value".
function csvMinutes(seconds) { return seconds === null || seconds === undefined ? "" : Math.round(seconds / 60 * 100) / 100; }
function fraction(ratio) { return ratio === null || ratio === undefined ? "" : Math.round(ratio * 10000) / 10000; }

// Days: dd/MM/yyyy on the page and in its fields; ISO yyyy-MM-dd for the API and the CSV's day key.
const { shown: shownDay, iso: isoDay } = XephangDays; // /assets/managers/days.js
// Today as the centre counts days: in Vietnam's time zone (the sites' default), not the browser's, which may be UTC
// (between 00:00 and 07:00 in Vietnam a UTC browser's "today" is yesterday, and the page showed an empty day).
function localToday() {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
}
function groupLabel(group, g) { return group === "byDay" ? shownDay(g.key) : g.label; }

function applyLanguage() {
  document.documentElement.lang = lang;
  document.querySelectorAll("[data-vi]").forEach(el => { el.textContent = el.dataset[lang]; });
  $("lang").textContent = lang === "vi" ? "English" : "Tiếng Việt";
  if (report) render(report);
}

function showError(message) { $("error").textContent = message || ""; }

async function api(path, options = {}) {
  const token = sessionStorage.getItem("xephang.stats.token");
  const headers = Object.assign({ "Accept": "application/json" }, options.headers || {});
  if (token) headers["Authorization"] = "Bearer " + token;
  let response;
  try {
    response = await fetch(path, Object.assign({}, options, { headers }));
  } catch (e) {
    throw new Error(t("Không kết nối được máy chủ. Vui lòng thử lại.", "Cannot reach the server. Please try again."));
  }
  const body = await response.json().catch(() => ({}));
  if (response.status === 401) signedOut();
  if (!response.ok) throw new Error(t(body.message, body.messageEn || body.message) || t("Lỗi ", "Error ") + response.status);
  return body;
}

function signedIn() {
  $("sign-in").hidden = true;
  $("query").hidden = false;
}
function signedOut() {
  sessionStorage.removeItem("xephang.stats.token");
  report = null;
  $("sign-in").hidden = false;
  $("query").hidden = true;
  $("report").hidden = true;
  $("csv").hidden = true;
  $("csv-en").hidden = true;
}

async function firstSite() {
  if ($("site").value.trim()) return;
  try {
    const health = await fetch("/health", { headers: { "Accept": "application/json" } }).then(r => r.json());
    if (Array.isArray(health.sites) && health.sites.length > 0) $("site").value = health.sites[0];
  } catch (e) {
    // the manager types the site's code
  }
}

async function load() {
  showError("");
  const site = $("site").value.trim();
  const from = isoDay($("from").value);
  const to = isoDay($("to").value);
  if (!site) return showError(t("Vui lòng nhập mã điểm phục vụ.", "Please enter the site's code."));
  if (!from || !to) {
    return showError(t("Ngày phải có dạng ngày/tháng/năm, ví dụ 06/12/2026.", "Dates are day/month/year, e.g. 06/12/2026."));
  }
  localStorage.setItem("xephang.stats.site", site);
  try {
    report = await api("/api/v1/sites/" + encodeURIComponent(site) + "/stats?" + new URLSearchParams({ from, to }));
    render(report);
  } catch (e) {
    showError(e.message);
  }
}

$("sign-in").addEventListener("submit", async event => {
  event.preventDefault();
  showError("");
  try {
    const body = await api("/api/v1/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: $("username").value, password: $("password").value }),
    });
    $("password").value = "";
    if (!MANAGER_ROLES.includes(body.role)) {
      // An officer's account signs in but may not read the statistics: say so now, not after "Xem thống kê".
      showError(t("Tài khoản này không được xem thống kê. Vui lòng đăng nhập bằng tài khoản giám sát hoặc quản trị.",
        "This account may not see the statistics. Please sign in as a supervisor or an administrator."));
      return;
    }
    sessionStorage.setItem("xephang.stats.token", body.token);
    sessionStorage.setItem("xephang.stats.role", body.role);
    signedIn();
    await firstSite();
    await load();
  } catch (e) {
    showError(e.message);
  }
});

$("query").addEventListener("submit", event => {
  event.preventDefault();
  load();
});

$("sign-out").addEventListener("click", () => { showError(""); signedOut(); });
$("lang").addEventListener("click", () => {
  lang = lang === "vi" ? "en" : "vi";
  localStorage.setItem("xephang.lang", lang);
  applyLanguage();
});

// One header row (Vietnamese, or English machine names), one row per group; UTF-8 with a BOM so Excel reads the
// diacritics; numbers with a dot and no unit (minutes as decimals, rates as fractions of 1).
function csvText(vietnamese) {
  const header = vietnamese
    ? ["Nhóm", "Mã", "Tên"].concat(COLUMNS.map(c => c[1]))
    : ["group", "key", "label"].concat(COLUMNS.map(c => c[0]));
  const rows = [header];
  for (const [group, machine, vi] of GROUPS) {
    for (const g of report[group]) {
      rows.push([vietnamese ? vi : machine, g.key, group === "byDay" ? g.key : g.label].concat(COLUMNS.map(c => c[4](g))));
    }
  }
  const cell = v => typeof v === "number" ? String(v) : '"' + String(v).replaceAll('"', '""') + '"';
  return "\ufeff" + rows.map(r => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
function download(vietnamese) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([csvText(vietnamese)], { type: "text/csv;charset=utf-8" }));
  link.download = "thong-ke-" + report.site + "-" + report.from + "-" + report.to + (vietnamese ? "" : "-en") + ".csv";
  link.click();
}
$("csv").addEventListener("click", () => download(true));
$("csv-en").addEventListener("click", () => download(false));

function render(r) {
  const f = r.totals;
  $("period").textContent = t("Từ ", "From ") + shownDay(r.from) + t(" đến ", " to ") + shownDay(r.to);
  const cards = [
    [t("Lượt lấy số", "Tickets issued"), f.issued],
    [t("Đã phục vụ", "Served"), f.served],
    [t("Thời gian chờ TB (phút)", "Mean wait (min)"), minutes(f.waitSeconds.mean)],
    [t("Chờ P90 (phút)", "P90 wait (min)"), minutes(f.waitSeconds.p90)],
    [t("Phục vụ TB (phút)", "Mean service (min)"), minutes(f.serviceSeconds.mean)],
    [t("Tỉ lệ vắng mặt", "No-show rate"), percent(f.noShowRate)],
    [t("Tỉ lệ hài lòng", "Satisfaction"), percent(f.ratings.satisfactionRate)],
    [t("Vé gắn hồ sơ", "Dossier linked"), percent(f.dossierLinkRate)],
  ];
  $("cards").replaceChildren(...cards.map(([name, value]) => {
    const card = document.createElement("div");
    card.className = "card";
    const valueEl = Object.assign(document.createElement("div"), { className: "value", textContent: value });
    const nameEl = Object.assign(document.createElement("div"), { className: "name", textContent: name });
    card.append(valueEl, nameEl);
    return card;
  }));
  for (const [group] of GROUPS) table(group, r[group]);
  $("report").hidden = false;
  $("csv").hidden = false;
  $("csv-en").hidden = false;
  if (window.XephangCharts) {
    XephangCharts.waitsByHour($("chart-waits"), r.byHour.map(g => ({ hour: Number(g.key), waitSeconds: g.waitSeconds.mean, issued: g.issued })), lang);
    XephangCharts.loadByField($("chart-load"), r.byService.map(g => ({ label: g.label, issued: g.issued, other: g.served })), lang,
      ["Đã phục vụ", "Served"]);
  }
}

function table(group, groups) {
  const element = $(group);
  const head = document.createElement("tr");
  [t("Nhóm", "Group")].concat(COLUMNS.map(c => t(c[1], c[2]))).forEach(text => {
    head.append(Object.assign(document.createElement("th"), { textContent: text }));
  });
  const rows = groups.map(g => {
    const tr = document.createElement("tr");
    tr.dataset.key = g.key;
    [groupLabel(group, g)].concat(COLUMNS.map(c => c[3](g))).forEach(text => {
      tr.append(Object.assign(document.createElement("td"), { textContent: text }));
    });
    return tr;
  });
  if (rows.length === 0) {
    const tr = document.createElement("tr");
    const td = Object.assign(document.createElement("td"), {
      colSpan: COLUMNS.length + 1, textContent: t("Không có vé nào trong khoảng ngày này.", "No tickets in these days."),
    });
    tr.append(td);
    rows.push(tr);
  }
  element.replaceChildren(head, ...rows);
}

const params = new URLSearchParams(location.search);
$("site").value = params.get("site") || localStorage.getItem("xephang.stats.site") || "";
$("from").value = shownDay(localToday());
$("to").value = shownDay(localToday());
applyLanguage();
if (sessionStorage.getItem("xephang.stats.token")) {
  signedIn();
  firstSite().then(load);
}
