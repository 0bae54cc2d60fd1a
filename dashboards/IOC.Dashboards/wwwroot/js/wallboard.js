// Wallboard client: starts Blazor with patient reconnection, recovers by itself after a server restart, and keeps
// the freshness line and stale warning honest even when the server or the network stops sending anything.
(() => {
  "use strict";

  // --- reconnect: a TV nobody touches must come back on its own ---------------------------------------------
  // Blazor (.NET 10) drives #components-reconnect-modal: it retries the connection; when the server no longer knows
  // the circuit it tries to resume it from the state the server persisted when it let the circuit go (a network cut
  // longer than the server's 3-minute retention: the page carries on without a reload). Only when that fails too
  // ("rejected", "resume-failed") or retries run out ("failed") is the page loaded again, once the server is ready.
  const modal = document.getElementById("components-reconnect-modal");
  let reloading = false;

  async function reloadWhenServerIsBack() {
    if (reloading) return;
    reloading = true;
    const detail = modal.querySelector(".reconnect-detail");
    for (;;) {
      try {
        const response = await fetch("health/ready", { cache: "no-store" });
        if (response.ok) {
          detail.textContent = modal.dataset.textReload;
          location.reload();
          return;
        }
      } catch {
        // The server is still down; keep waiting.
      }
      detail.textContent = modal.dataset.textWaiting;
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  }

  if (modal) {
    modal.addEventListener("components-reconnect-state-changed", (event) => {
      if (["rejected", "failed", "resume-failed"].includes(event.detail.state)) {
        reloadWhenServerIsBack();
      }
    });
  }

  Blazor.start({
    circuit: {
      reconnectionOptions: {
        maxRetries: 120,
        retryIntervalMilliseconds: (attempt) => (attempt < 5 ? 1000 : 3000),
      },
    },
  });

  // A phone in a pocket or a background tab: after a minute hidden the circuit is paused (the server persists its
  // state and frees it) and resumed when the page is shown again. A wallboard on a TV is never hidden.
  const pauseAfterHiddenMs = 60_000;
  let pauseTimer = null;
  let paused = false;
  document.addEventListener("visibilitychange", async () => {
    if (document.visibilityState === "hidden") {
      pauseTimer = setTimeout(async () => { paused = await Blazor.pauseCircuit(); }, pauseAfterHiddenMs);
      return;
    }
    clearTimeout(pauseTimer);
    if (paused) {
      paused = false;
      if (!(await Blazor.resumeCircuit())) reloadWhenServerIsBack();
    }
  });

  // --- freshness: counted in the browser, so it keeps counting when updates stop --------------------------------
  let lastAsOf = null;
  let lastChange = Date.now();

  function format(template, seconds) {
    return template.replace("{0}", seconds.toLocaleString(document.documentElement.lang === "en" ? "en-GB" : "vi-VN"));
  }

  function tick() {
    const fresh = document.querySelector("[data-fresh]");
    if (!fresh) return;
    const asOf = fresh.dataset.asof;
    if (asOf && asOf !== lastAsOf) {
      lastAsOf = asOf;
      lastChange = Date.now();
    }
    if (!lastAsOf) return;

    const seconds = Math.floor((Date.now() - lastChange) / 1000);
    const stale = seconds >= Number(fresh.dataset.staleAfter || 10);
    fresh.querySelector(".fresh-live").textContent = format(fresh.dataset.textAgo, seconds);
    document.body.classList.toggle("is-stale", stale);
    const banner = document.querySelector(".stale-banner");
    if (banner) {
      banner.hidden = !stale;
      if (stale) banner.textContent = "⚠ " + format(fresh.dataset.textStale, seconds);
    }
  }

  // The server renders its own text for the first paint; from here on the browser-owned span speaks.
  document.documentElement.classList.add("js");
  tick();
  setInterval(tick, 500);

  // --- kiosk: full screen needs a click (browsers refuse it otherwise); kiosk browsers start full screen --------
  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-fullscreen]") && document.fullscreenEnabled) {
      document.documentElement.requestFullscreen().catch(() => {});
    }
  });
})();
