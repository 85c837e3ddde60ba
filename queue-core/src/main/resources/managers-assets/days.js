"use strict";
// Days as the managers' pages show and take them: dd/MM/yyyy in both languages, whatever the browser's locale (an
// <input type=date> follows the browser: mm/dd/yyyy in an English Chromium). ISO yyyy-MM-dd for the API.
window.XephangDays = (() => {
  /** 2026-09-02 → 02/09/2026; anything that is not an ISO day is returned as it is. */
  function shown(iso) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return match ? `${match[3]}/${match[2]}/${match[1]}` : (iso || "");
  }

  /** 2/9/2026 or 02/09/2026 → 2026-09-02; null for anything else, or a day that does not exist (31/02/2026). */
  function iso(text) {
    const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text || "");
    if (!match) return null;
    const [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
    return date.toISOString().slice(0, 10);
  }

  return { shown, iso };
})();
