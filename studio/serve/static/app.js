// The views' shared part: words (uk by default, ?lang=en), time formats like the console's,
// the show clock estimated from the server (round trip / 2 over the WebSocket), and a
// connection that reconnects by itself and says when the server has been gone for a while.
// Every URL is relative, so the views work behind a reverse proxy under a path prefix.
"use strict";

const Studio = (() => {
  const params = new URLSearchParams(location.search);
  const lang = params.get("lang") === "en" ? "en" : "uk";
  const viewToken = params.get("token") || "";
  document.documentElement.lang = lang;

  const WORDS = {
    uk: {
      lost: "з’єднання втрачено",
      connecting: "підключення…",
      noToken: "У посиланні немає токена перегляду (?token=…): попросіть технічну команду про посилання.",
      refused: "Сервер не прийняв токен перегляду: попросіть нове посилання.",
      tooMany: "Забагато під’єднань до сервера; повторна спроба скоро.",
      onHold: "ПАУЗА",
      untilStart: "до початку",
      ended: "Захід завершено",
      next: "Далі: {what}",
      nextEnd: "Далі: завершення заходу",
      youAreOnIn: "Ви виступаєте через",
      after: "після «{who}»",
      thanks: "Дякуємо!",
      skippedSlot: "Ваш виступ пропущено",
      unknownSlot: "Невідомий виступ «{slot}»",
      dryRun: "ПРОГІН — імітація, нічого не йде в ефір",
      rehearsal: "РЕПЕТИЦІЯ",
      planned: "Початок",
      item: "Пункт",
      plan: "План",
      actual: "Факт",
      state: "Стан",
      pending: "очікує",
      current: "зараз",
      done: "завершено",
      skipped: "пропущено",
      behind: "+{t} відставання",
      ahead: "{t} випередження",
      onTime: "за графіком",
      schedule: "Графік",
      projectedEnd: "Прогноз завершення",
      endPlan: "{end} (план {planned})",
      itemLeft: "Залишок пункту",
      eventTime: "Час заходу ({zone})",
      notStarted: "Ще не почали",
      start: "Почати",
      back: "◀ Назад",
      nextBtn: "Далі ▶",
      hold: "Пауза",
      resume: "Продовжити",
      plusMin: "+1 хв",
      minusMin: "−1 хв",
      message: "Повідомлення:",
      show: "Показати",
      clear: "Очистити",
      controlToken: "Токен керування (від технічної команди):",
      save: "Зберегти",
      forget: "Забути токен",
      badToken: "Токен керування не підійшов.",
      sent: "Виконано: {what}",
      failed: "Не виконано: {why}",
      unreachable: "сервер недоступний",
      views: "Вигляди",
    },
    en: {
      lost: "connection lost",
      connecting: "connecting…",
      noToken: "The link has no view token (?token=…): ask the technical crew for the link.",
      refused: "The server did not accept the view token: ask for a new link.",
      tooMany: "Too many connections to the server; trying again soon.",
      onHold: "ON HOLD",
      untilStart: "until the start",
      ended: "The show has ended",
      next: "Next: {what}",
      nextEnd: "Next: the end of the show",
      youAreOnIn: "You are on in",
      after: "after {who}",
      thanks: "Thank you!",
      skippedSlot: "Your turn was skipped",
      unknownSlot: "Unknown slot «{slot}»",
      dryRun: "DRY RUN — simulated, nothing goes on air",
      rehearsal: "REHEARSAL",
      planned: "Planned",
      item: "Item",
      plan: "Plan",
      actual: "Actual",
      state: "State",
      pending: "pending",
      current: "on now",
      done: "done",
      skipped: "skipped",
      behind: "+{t} behind",
      ahead: "{t} ahead",
      onTime: "on time",
      schedule: "Schedule",
      projectedEnd: "Projected end",
      endPlan: "{end} (plan {planned})",
      itemLeft: "Item time left",
      eventTime: "Event time ({zone})",
      notStarted: "Not started yet",
      start: "Start",
      back: "◀ Back",
      nextBtn: "Next ▶",
      hold: "Hold",
      resume: "Resume",
      plusMin: "+1 min",
      minusMin: "−1 min",
      message: "Message:",
      show: "Show",
      clear: "Clear",
      controlToken: "Control token (from the technical crew):",
      save: "Save",
      forget: "Forget the token",
      badToken: "The control token was not accepted.",
      sent: "Done: {what}",
      failed: "Not done: {why}",
      unreachable: "the server cannot be reached",
      views: "Views",
    },
  };

  // The console's refusals, by key (ui/i18n), so a phone says what the console would.
  const REFUSALS = {
    uk: {
      "show.already_started": "Захід уже почався.",
      "show.all_skipped": "Усі пункти пропущено.",
      "show.not_running": "Захід зараз не триває.",
      "show.first_item": "Це вже перший пункт.",
      "show.no_item": "У програмі немає такого пункту.",
      "show.on_hold": "Уже на паузі.",
      "show.not_on_hold": "Паузи немає.",
      "show.below_zero": "Час спікера не може бути менше нуля.",
      "show.already_ran": "Цей пункт уже відбувся; пропустити його не можна.",
    },
    en: {},
  };

  function t(key, vars) {
    let s = (WORDS[lang] && WORDS[lang][key]) || WORDS.en[key] || key;
    for (const [k, v] of Object.entries(vars || {})) s = s.split("{" + k + "}").join(v);
    return s;
  }

  function text(obj) {
    if (!obj) return "";
    return (lang === "en" && obj.en) || obj.uk || obj.en || "";
  }

  function refusal(body) {
    return (body && body.key && REFUSALS[lang][body.key]) || (body && body.error) || "?";
  }

  // ---- formats, as studio/timefmt.py ----------------------------------------------------------
  function clockText(seconds) {
    const s = Math.floor(seconds);
    const two = (n) => String(n).padStart(2, "0");
    if (s >= 3600) return `${Math.floor(s / 3600)}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
    return `${Math.floor(s / 60)}:${two(s % 60)}`;
  }

  function countdownText(remaining) {
    // Rounded up: 0:00 exactly when time runs out, +0:01 after a full second over.
    const whole = Math.ceil(Math.round(remaining * 1e6) / 1e6);
    return whole >= 0 ? clockText(whole) : "+" + clockText(-whole);
  }

  function signedText(seconds) {
    const whole = Math.round(seconds);
    return (whole < 0 ? "-" : "+") + clockText(Math.abs(whole));
  }

  function offsetText(offset) {
    const whole = Math.round(offset);
    if (whole > 0) return t("behind", { t: clockText(whole) });
    if (whole < 0) return t("ahead", { t: clockText(-whole) });
    return t("onTime");
  }

  function offsetLevel(offset) {
    if (offset >= 300) return "bad";
    if (offset >= 60) return "warn";
    return "ok";
  }

  function timeOfDay(epoch, zone, seconds) {
    const opts = { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone };
    if (seconds) opts.second = "2-digit";
    try {
      return new Intl.DateTimeFormat("uk-UA", opts).format(new Date(epoch * 1000));
    } catch (_e) {
      delete opts.timeZone;
      return new Intl.DateTimeFormat("uk-UA", opts).format(new Date(epoch * 1000));
    }
  }

  // ---- the show clock ---------------------------------------------------------------------------
  // Show time is the engine's clock (a rehearsal's may run faster, from another day): never the
  // browser's wall clock. Each pong gives (server show time, round trip); the sample with the
  // shortest round trip among the recent ones is the best estimate (its error is at most half
  // its round trip), carried forward with the browser's monotonic clock at the show's rate.
  const samples = [];
  let lastState = null;
  let lastStatePerf = 0;

  function addSample(show, rate, rtt, at) {
    samples.push({ show: show + (rate * rtt) / 2000, perf: at, rate, rtt });
    while (samples.length > 8) samples.shift();
  }

  function showNow() {
    if (!lastState) return null;
    if (!(lastState.rate > 0)) return lastState.now; // a clock that moves only when told
    let best = null;
    for (const s of samples) if (!best || s.rtt < best.rtt) best = s;
    // Until a pong came back, the state's own instant (it left the server a moment before).
    if (!best) best = { show: lastState.now, perf: lastStatePerf, rate: lastState.rate };
    return best.show + ((performance.now() - best.perf) / 1000) * best.rate;
  }

  function remainingNow(state, now) {
    const c = state.current;
    if (!c) return null;
    if (c.deadline === null || c.deadline === undefined) return c.remaining;
    return c.deadline - now;
  }

  function phaseOf(c, remaining) {
    if (remaining < 0) return "overtime";
    if (remaining <= c.final) return "final";
    if (remaining <= c.warning) return "warning";
    return "normal";
  }

  // How far the current segment's end has moved since the state's instant (overtime, hold):
  // everything projected after it moves as much (until the server's next state says better).
  function slip(state, now) {
    if (state.status === "running" && state.current) {
      const c = state.current;
      if (c.deadline === null || c.deadline === undefined) return Math.max(0, now - state.now);
      return Math.max(now, c.deadline) - Math.max(state.now, c.deadline);
    }
    if (state.status === "pre") {
      const first = state.segments.find((s) => s.projected_start !== null);
      if (!first) return 0;
      return Math.max(now, first.projected_start) - Math.max(state.now, first.projected_start);
    }
    return 0;
  }

  // ---- the connection -----------------------------------------------------------------------------
  // A view pings for the show's time once a second while it learns the clock (the first few
  // answers), then every few seconds: a pong is also how it knows the server is there (the server
  // sends the state only when it changed). A socket that closes says so at once; a network that
  // silently drops everything is noticed after LOST_AFTER_MS without a word.
  const PING_FAST_MS = 1000;
  const FAST_PINGS = 8;
  const PING_EVERY_MS = 3000;
  const LOST_AFTER_MS = 7000;

  function wsUrl(extra) {
    const u = new URL("api/v1/ws", location.href);
    u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
    u.search = "";
    u.searchParams.set("token", viewToken);
    u.searchParams.set("view", extra || "1");
    return u.toString();
  }

  // connect({onState, onNotice, onOnline}) keeps a WebSocket open, forever.
  function connect(handlers) {
    const lost = document.getElementById("lost");
    let ws = null;
    let lastHeard = 0;
    let pingId = 0;
    const pending = new Map();
    let retryMs = 500;
    let online = false;

    function setOnline(on) {
      if (on === online) return;
      online = on;
      document.body.classList.toggle("offline", !on);
      if (lost) {
        lost.textContent = t("lost");
        lost.hidden = on;
      }
      if (handlers.onOnline) handlers.onOnline(on);
    }

    function heard() {
      lastHeard = performance.now();
      setOnline(true);
    }

    function open() {
      if (!viewToken) {
        if (handlers.onNotice) handlers.onNotice(t("noToken"));
        return;
      }
      let opened = false;
      ws = new WebSocket(wsUrl());
      ws.onopen = () => {
        opened = true;
        retryMs = 500;
        pingsSinceOpen = 0;
        // A few pings at once-spaced moments: the page is still busy loading, and a reply it
        // handles late looks like a long round trip; the shortest of several is the truth.
        for (let i = 0; i < 6; i++) setTimeout(ping, i * 150);
      };
      ws.onmessage = (event) => {
        const at = performance.now();
        let msg;
        try {
          msg = JSON.parse(event.data);
        } catch (_e) {
          return;
        }
        heard();
        if (msg.type === "state") {
          lastState = msg.state;
          lastStatePerf = at;
          if (handlers.onState) handlers.onState(msg.state);
        } else if (msg.type === "pong") {
          const sent = pending.get(msg.id);
          pending.delete(msg.id);
          if (sent !== undefined) addSample(msg.now, msg.rate, at - sent, at);
        } else if (msg.type === "error" && /too many/.test(msg.error || "")) {
          retryMs = 10000;
          if (handlers.onNotice) handlers.onNotice(t("tooMany"));
        }
      };
      ws.onclose = () => {
        ws = null;
        pending.clear();
        if (opened) setOnline(false); // the server went away: say so now, then try again
        if (!opened && handlers.onNotice && retryMs >= 8000) handlers.onNotice(t("refused"));
        setTimeout(open, retryMs);
        retryMs = Math.min(retryMs * 2, 10000);
      };
      ws.onerror = () => {};
    }

    let lastPing = 0;
    let pingsSinceOpen = 0;

    function ping() {
      if (!ws || ws.readyState !== WebSocket.OPEN) return;
      lastPing = performance.now();
      pingsSinceOpen += 1;
      pingId += 1;
      pending.set(pingId, performance.now());
      if (pending.size > 16) pending.delete(pending.keys().next().value);
      ws.send(JSON.stringify({ type: "ping", id: pingId }));
    }

    setInterval(() => {
      const now = performance.now();
      if (now - lastHeard > LOST_AFTER_MS) {
        setOnline(false);
        // A socket the network silently dropped may never fire onclose: start over.
        if (ws && lastHeard && ws.readyState === WebSocket.OPEN) ws.close();
      }
      if (pingsSinceOpen < FAST_PINGS || now - lastPing >= PING_EVERY_MS - PING_FAST_MS / 2) ping();
    }, PING_FAST_MS);
    lastHeard = performance.now();
    if (lost) lost.textContent = t("connecting");
    open();
  }

  // Run `render()` again when the next whole second on screen turns (and at least 4 times a
  // second), like the console's refresh: never a fixed-rate timer that drifts past the turn.
  function everyTurn(render) {
    function loop() {
      const wait = render();
      setTimeout(loop, Math.max(10, Math.min(250, wait === undefined ? 250 : wait)));
    }
    loop();
  }

  function msUntilTurn(value, rate) {
    if (!(rate > 0)) return 250;
    const part = value - Math.floor(value);
    return ((part > 1e-6 ? part : 1) / rate) * 1000 + 5;
  }

  function banner(state) {
    const el = document.getElementById("mode");
    if (!el || !state) return;
    const words = { "dry-run": t("dryRun"), rehearsal: t("rehearsal") };
    el.hidden = !words[state.mode];
    el.className = "banner " + state.mode;
    el.textContent = words[state.mode] || "";
  }

  function setText(el, value) {
    if (el && el.textContent !== value) el.textContent = value;
  }

  return {
    lang, viewToken, params, t, text, refusal, clockText, countdownText, signedText, offsetText,
    offsetLevel, timeOfDay, showNow, remainingNow, phaseOf, slip, connect, everyTurn,
    msUntilTurn, banner, setText,
    get state() { return lastState; },
    get synced() { return samples.length >= 3; },
  };
})();
