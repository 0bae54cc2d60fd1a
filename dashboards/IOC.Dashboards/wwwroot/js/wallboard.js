// Wallboard client: starts Blazor with patient reconnection, recovers by itself after a server restart, and keeps
// the freshness line and stale warning honest even when the server or the network stops sending anything.
(() => {
  "use strict";

  // --- reconnect: a TV nobody touches must come back on its own ---------------------------------------------
  const modal = document.getElementById("components-reconnect-modal");
  let reloading = false;

  async function reloadWhenServerIsBack() {
    if (reloading) return;
    reloading = true;
    const detail = modal.querySelector(".reconnect-detail");
    for (;;) {
      try {
        const response = await fetch("health", { cache: "no-store" });
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
    // Blazor marks the panel "rejected" when the server no longer knows this circuit (it restarted) and "failed"
    // when it gave up retrying: either way, wait for /health and load the page again.
    new MutationObserver(() => {
      const c = modal.classList;
      if (c.contains("components-reconnect-rejected") || c.contains("components-reconnect-failed")) {
        reloadWhenServerIsBack();
      }
    }).observe(modal, { attributes: true, attributeFilter: ["class"] });
  }

  Blazor.start({
    circuit: {
      reconnectionOptions: {
        maxRetries: 120,
        retryIntervalMilliseconds: (attempt, max) => (attempt >= max ? null : attempt < 5 ? 1000 : 3000),
      },
    },
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
