// /remote: a phone remote for the floor manager. It asks for the control token once, keeps it
// in this tab's session storage only, and sends it as an Authorization header, never in a URL.
"use strict";

(() => {
  const S = Studio;
  const el = (id) => document.getElementById(id);
  const KEY = "studio.control";
  document.title = S.lang === "en" ? "Remote" : "Пульт";

  for (const [id, word] of [
    ["back", "back"], ["next", "nextBtn"], ["minus", "minusMin"], ["plus", "plusMin"],
    ["start", "start"], ["showMessage", "show"], ["clearMessage", "clear"], ["save", "save"],
    ["forget", "forget"], ["tokenLabel", "controlToken"],
  ]) S.setText(el(id), S.t(word));
  el("text").placeholder = S.t("message");

  function token() {
    return sessionStorage.getItem(KEY) || "";
  }

  function showForm(ask) {
    el("tokenForm").hidden = !ask;
    el("controls").hidden = ask;
    if (ask) el("token").focus();
  }

  function answer(text, ok) {
    S.setText(el("answer"), text);
    el("answer").className = "answer " + (ok ? "ok" : "bad");
  }

  async function act(name, body, label) {
    let response;
    try {
      response = await fetch(new URL("api/v1/actions/" + name, location.href).pathname, {
        method: "POST",
        headers: { Authorization: "Bearer " + token(), "Content-Type": "application/json" },
        body: JSON.stringify(body || {}),
        cache: "no-store",
        credentials: "omit",
        referrerPolicy: "no-referrer",
      });
    } catch (_e) {
      answer(S.t("failed", { why: S.t("unreachable") }), false);
      return;
    }
    let data = {};
    try {
      data = await response.json();
    } catch (_e) {
      data = { error: response.statusText };
    }
    if (response.status === 401) {
      sessionStorage.removeItem(KEY);
      answer(S.t("badToken"), false);
      showForm(true);
      return;
    }
    if (response.ok) answer(S.t("sent", { what: label }), true);
    else answer(S.t("failed", { why: S.refusal(data) }), false);
  }

  for (const button of document.querySelectorAll("button[data-action]")) {
    button.addEventListener("click", () => {
      const name = button.dataset.action;
      if (name === "hold") {
        const held = S.state && S.state.held;
        act(held ? "resume" : "hold", {}, button.textContent);
      } else if (name === "extend") {
        act("extend", { seconds: Number(button.dataset.seconds) }, button.textContent);
      } else {
        act(name, {}, button.textContent);
      }
    });
  }
  el("showMessage").addEventListener("click", () => act("message", { text: el("text").value }, S.t("show")));
  el("clearMessage").addEventListener("click", () => {
    el("text").value = "";
    act("message", { text: "" }, S.t("clear"));
  });
  el("forget").addEventListener("click", () => {
    sessionStorage.removeItem(KEY);
    showForm(true);
  });
  el("tokenForm").addEventListener("submit", (event) => {
    event.preventDefault();
    const value = el("token").value.trim();
    if (!value) return;
    sessionStorage.setItem(KEY, value);
    el("token").value = "";
    answer("", true);
    showForm(false);
  });

  function render() {
    const state = S.state;
    if (!state) return 250;
    S.banner(state);
    const now = S.showNow();
    const running = state.status === "running" && state.current;
    el("start").hidden = state.status !== "pre";
    S.setText(el("hold"), S.t(state.held ? "resume" : "hold"));
    if (!running) {
      S.setText(el("who"), state.status === "ended" ? S.t("ended") : S.t("notStarted"));
      S.setText(el("countdown"), "—");
      el("countdown").className = "countdown phase-idle";
      return 250;
    }
    const c = state.current;
    const remaining = S.remainingNow(state, now);
    S.setText(el("who"), c.speaker ? S.text(c.speaker) : S.text(c.title));
    S.setText(el("countdown"), S.countdownText(remaining));
    el("countdown").className = "countdown phase-" + (state.held ? "held" : S.phaseOf(c, remaining));
    return S.msUntilTurn(remaining, state.rate);
  }

  showForm(!token());
  S.connect({ onState: () => render() });
  S.everyTurn(render);
})();
