"use strict";
// The managers' charts (statistics page and supervisor's live view), drawn with uPlot served by this server
// (/assets/uplot/, from its webjar: no CDN, the centre's LAN may have no internet).
window.XephangCharts = (() => {
  const plots = new Map(); // container element → its uPlot
  const BLUE = "#0b4f9c";
  const RED = "#b3001b";
  const GREEN = "#1b7f3b";

  function text(lang, vi, en) { return lang === "en" ? en : vi; }

  function number(value, lang) { return String(value).replace(".", lang === "en" ? "." : ","); }

  /** What the chart shows, in words: read by screen readers (and by the tests) as the chart's label. */
  function describe(container, lang, parts) {
    container.setAttribute("role", "img");
    container.setAttribute("aria-label", parts.length ? parts.join("; ") : text(lang, "Chưa có số liệu", "No figures yet"));
  }

  function draw(container, options, data) {
    const old = plots.get(container);
    if (old) old.destroy();
    container.replaceChildren();
    const width = Math.max(280, container.clientWidth || 480);
    const plot = new uPlot(Object.assign({ width, height: 230 }, options), data, container);
    plots.set(container, plot);
    return plot;
  }

  window.addEventListener("resize", () => {
    plots.forEach((plot, container) => plot.setSize({ width: Math.max(280, container.clientWidth), height: 230 }));
  });

  const COUNTS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]; // whole tickets on count axes

  // Bars side by side around each x: align -1 to its left, 1 to its right, 0 centred.
  const bars = (align = 0, size = 0.6) =>
    (window.uPlot && uPlot.paths && uPlot.paths.bars ? uPlot.paths.bars({ size: [size, 60], align }) : undefined);

  /** Mean wait (minutes, line) and tickets issued (bars) per hour of issue: rows [{hour, waitSeconds, issued}]. */
  function waitsByHour(container, rows, lang) {
    const hours = rows.map(r => r.hour);
    const waits = rows.map(r => (r.waitSeconds === null || r.waitSeconds === undefined ? null : Math.round(r.waitSeconds / 6) / 10));
    const issued = rows.map(r => r.issued);
    draw(container, {
      // The working day at least (7h–17h), whole hours on the axis.
      scales: { x: { time: false, auto: false, range: [Math.min(7, ...hours) - 0.5, Math.max(17, ...hours) + 0.5] }, n: {} },
      axes: [
        { incrs: [1, 2, 3, 4, 6], values: (u, splits) => splits.map(h => (Number.isInteger(h) ? h + "h" : "")) },
        { label: text(lang, "phút chờ", "min waited") },
        { scale: "n", side: 1, grid: { show: false }, incrs: COUNTS, label: text(lang, "lượt lấy số", "tickets") },
      ],
      series: [
        { label: text(lang, "Giờ", "Hour") },
        { label: text(lang, "Lượt lấy số", "Tickets issued"), scale: "n", stroke: "#9bb3d6", fill: "#9bb3d655", paths: bars(),
          points: { show: false } },
        { label: text(lang, "Chờ TB (phút)", "Mean wait (min)"), stroke: RED, width: 2 },
      ],
    }, [hours, issued, waits]);
    describe(container, lang, rows.map((r, i) => text(lang,
      `${r.hour}h: ${issued[i]} lượt lấy số` + (waits[i] === null ? "" : `, chờ TB ${number(waits[i], lang)} phút`),
      `${r.hour}h: ${issued[i]} issued` + (waits[i] === null ? "" : `, mean wait ${number(waits[i], lang)} min`))));
  }

  /**
   * Tickets issued and a second figure per field (bars): rows [{label, issued, other}], {@code otherLabel} = [vi, en]
   * ("Đã phục vụ" on the statistics page, "Đang chờ" on the live view).
   */
  function loadByField(container, rows, lang, otherLabel) {
    const index = rows.map((r, i) => i);
    draw(container, {
      scales: { x: { time: false, auto: false, range: [-0.5, Math.max(rows.length, 1) - 0.5] } },
      axes: [
        { splits: () => index, values: (u, splits) => splits.map(i => rows[i] ? shorten(rows[i].label) : "") },
        { incrs: COUNTS, label: text(lang, "lượt", "tickets") },
      ],
      series: [
        { label: text(lang, "Lĩnh vực", "Field"), value: (u, i) => (rows[i] ? rows[i].label : "") },
        { label: text(lang, "Lấy số", "Issued"), stroke: BLUE, fill: BLUE + "aa", paths: bars(-1, 0.35), points: { show: false } },
        { label: text(lang, otherLabel[0], otherLabel[1]), stroke: GREEN, fill: GREEN + "aa", paths: bars(1, 0.35),
          points: { show: false } },
      ],
    }, [index, rows.map(r => r.issued), rows.map(r => r.other)]);
    describe(container, lang, rows.map(r => text(lang,
      `${r.label}: lấy số ${r.issued}, ${otherLabel[0].toLowerCase()} ${r.other}`,
      `${r.label}: issued ${r.issued}, ${otherLabel[1].toLowerCase()} ${r.other}`)));
  }

  function shorten(label) { return label.length > 14 ? label.slice(0, 13) + "…" : label; }

  return { waitsByHour, loadByField };
})();
