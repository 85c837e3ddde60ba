"use strict";
// The staff pages' one way to call the API (the supervisor's live view, the staff's list of bookings): the bearer
// token kept in the tab's sessionStorage under the page's key, a plain message when the server cannot be reached, the
// server's own message for a refusal (its Vietnamese "message" and English "messageEn", ADR 0043), and the page told
// when its sign-in has lapsed (401).
window.XephangStaffApi = (() => {
  /**
   * A function api(path, options) → the answer's JSON body, throwing an Error with a message fit for the page (in
   * the page's language, with both texts kept as error.vi and error.en).
   * tokenKey: the sessionStorage key of the token; text(vi, en): the page's language choice; unreachable(): the
   * message for a server that does not answer; signedOut(message): called on a 401; serverTime(ms), optional: the
   * server's clock from each answer's Date header.
   */
  function create({ tokenKey, text, unreachable, signedOut, serverTime }) {
    return async function api(path, options = {}) {
      const headers = Object.assign({ "Accept": "application/json" }, options.headers || {});
      const token = sessionStorage.getItem(tokenKey);
      if (token) headers["Authorization"] = "Bearer " + token;
      let response;
      try {
        response = await fetch(path, Object.assign({}, options, { headers }));
      } catch (e) {
        throw new Error(unreachable());
      }
      const body = await response.json().catch(() => ({}));
      if (response.status === 401) signedOut(text(body.message, body.messageEn ?? body.message));
      if (!response.ok) {
        const vi = body.message || "Lỗi " + response.status;
        const en = body.messageEn || body.message || "Error " + response.status;
        throw Object.assign(new Error(text(vi, en)), { vi, en, status: response.status, body });
      }
      const date = response.headers.get("Date");
      if (serverTime && date) serverTime(Date.parse(date));
      return body;
    };
  }

  /**
   * Signs in with the page's form ({@code #username}, {@code #password}) through {@code api}, clears the password
   * field, and answers the login's {token, role, expiresAt}.
   */
  async function login(api) {
    const body = await api("/api/v1/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        username: document.getElementById("username").value,
        password: document.getElementById("password").value,
      }),
    });
    document.getElementById("password").value = "";
    return body;
  }

  return { create, login };
})();
