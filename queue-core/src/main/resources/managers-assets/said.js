"use strict";
// Status lines that follow the page's language switch: a line said with both its texts keeps them (data-said-vi,
// data-said-en), and again(lang) says every such line in the new language (a server's refusal is said with its
// message and messageEn, ADR 0043). A line written since by other means is left as it is.
window.XephangSaid = (() => {
  function kept(node) {
    const { saidVi, saidEn } = node.dataset;
    return saidVi !== undefined && (node.textContent === saidVi || node.textContent === saidEn);
  }

  /** Shows vi or en in node as lang says, and keeps both; say(node, lang, "") empties it. */
  function say(node, lang, vi, en = vi) {
    node.dataset.saidVi = vi ?? "";
    node.dataset.saidEn = en ?? "";
    node.textContent = lang === "en" ? node.dataset.saidEn : node.dataset.saidVi;
  }

  /** Adds a sentence to what node shows (its kept texts when it has them, else what it shows in both). */
  function add(node, lang, vi, en = vi) {
    const was = kept(node) ? [node.dataset.saidVi, node.dataset.saidEn] : [node.textContent, node.textContent];
    say(node, lang, was[0] ? was[0] + " " + vi : vi, was[1] ? was[1] + " " + en : en);
  }

  /** Says every kept line again in lang. */
  function again(lang) {
    document.querySelectorAll("[data-said-vi]").forEach(node => {
      if (kept(node)) node.textContent = lang === "en" ? node.dataset.saidEn : node.dataset.saidVi;
      else { delete node.dataset.saidVi; delete node.dataset.saidEn; }
    });
  }

  return { say, add, again };
})();
