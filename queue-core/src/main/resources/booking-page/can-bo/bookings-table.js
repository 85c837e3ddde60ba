"use strict";
// A day's bookings per field, for staff (the supervisor page's section and /dat-lich/can-bo/): time, code, full name,
// masked phone (as the staff API answers), arrived or not. One place for the table, used by both pages.
window.XephangBookings = (() => {
  function el(tag, props = {}, ...children) {
    const node = Object.assign(document.createElement(tag), props);
    node.append(...children.filter(c => c !== null && c !== undefined));
    return node;
  }

  /**
   * Draws {@code bookings} (GET /api/v1/sites/{site}/appointments) into {@code container}, one heading and table per
   * field in the site's order; {@code now} is the server's time in ms (for "slot over").
   */
  function render(container, bookings, site, lang, now) {
    const t = (vi, en) => lang === "vi" ? vi : en;
    const time = iso => new Date(Date.parse(iso)).toLocaleTimeString("vi-VN",
      { timeZone: site.timeZone || undefined, hour: "2-digit", minute: "2-digit" });
    const serviceName = code => (site.services || []).find(s => s.code === code)?.name ?? code;
    const byField = new Map();
    for (const booking of bookings) {
      if (!byField.has(booking.service)) byField.set(booking.service, []);
      byField.get(booking.service).push(booking);
    }
    const order = (site.services || []).map(s => s.code).filter(code => byField.has(code));
    for (const code of byField.keys()) if (!order.includes(code)) order.push(code);
    container.replaceChildren(...order.flatMap(code => {
      const list = byField.get(code);
      const arrived = list.filter(b => b.checkedIn).length;
      const heading = el("div", { className: "field" }, `${code} · ${serviceName(code)} `,
        el("span", { className: "count", textContent: t(`${list.length} lịch hẹn, ${arrived} đã đến`,
          `${list.length} bookings, ${arrived} arrived`) }));
      heading.dataset.service = code;
      const rows = list.map(b => {
        const [className, state] = b.checkedIn ? ["arrived", t("Đã đến", "Arrived")]
          : Date.parse(b.end) < now ? ["missed", t("Chưa đến, đã qua giờ", "Not come, slot over")]
          : ["", t("Chưa đến", "Not yet")];
        const row = el("tr", { className },
          el("td", { className: "slot", textContent: `${time(b.start)}–${time(b.end)}` }),
          el("td", { className: "code", textContent: b.code }),
          el("td", { textContent: b.name || "–" }),
          el("td", { textContent: b.phone || "–" }),
          el("td", { className: "booking-state", textContent: state }));
        row.dataset.code = b.code;
        return row;
      });
      const table = el("table", {},
        el("thead", {}, el("tr", {},
          el("th", { textContent: t("Giờ", "Time") }),
          el("th", { textContent: t("Mã", "Code") }),
          el("th", { textContent: t("Họ tên", "Name") }),
          el("th", { textContent: t("Điện thoại", "Phone") }),
          el("th", { textContent: t("Trạng thái", "State") }))),
        el("tbody", {}, ...rows));
      table.dataset.service = code;
      return [heading, table];
    }));
  }

  /** Today in the site's time zone, YYYY-MM-DD. */
  function siteDay(at, site) {
    return new Intl.DateTimeFormat("en-CA", { timeZone: site?.timeZone || undefined }).format(new Date(at));
  }

  return { render, siteDay };
})();
