// The wallboard's chime: a short two-note tone when a new critical alert starts firing on the alert strip. Off by
// default; the toggle ([data-chime-toggle]) turns it on and localStorage remembers the choice on this screen.
// The tone is made with the Web Audio API, so there is no sound file to serve. The module reads the strip the server
// renders (AlertStrip.razor): a chip carries data-alert, data-episode and its severity class, so a new firing episode
// of the same instance chimes again while a re-render of the same one does not.
const storageKey = "ioc-chime";
const root = document.documentElement;

/** Chip keys already seen on this page: the alerts firing when the page opened do not chime. */
const seen = new Set();
let audio = null;

function isOn() {
  try {
    return localStorage.getItem(storageKey) === "on";
  } catch {
    return false; // storage blocked (private mode, policy): the chime stays off, as by default
  }
}

function remember(on) {
  try {
    localStorage.setItem(storageKey, on ? "on" : "off");
  } catch {
    // Not remembered across reloads; the toggle still works for this page.
  }
}

/** An AudioContext made (or resumed) inside a click counts as allowed by the browser's autoplay policy. */
function context() {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) return null;
  audio ??= new Context();
  if (audio.state === "suspended") audio.resume().catch(() => {});
  return audio;
}

/** Two notes (A5 then E6), 0.18 s each, with a soft attack and release so it does not click. */
export function chime() {
  root.dataset.chimes = String(Number(root.dataset.chimes || 0) + 1);
  const ctx = context();
  if (!ctx) return;
  const start = ctx.currentTime + 0.02;
  [880, 1318.5].forEach((frequency, i) => {
    const at = start + i * 0.2;
    const tone = ctx.createOscillator();
    const gain = ctx.createGain();
    tone.type = "sine";
    tone.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.18);
    tone.connect(gain).connect(ctx.destination);
    tone.start(at);
    tone.stop(at + 0.2);
  });
}

function chipKey(chip) {
  return `${chip.dataset.alert}#${chip.dataset.episode || ""}`;
}

/** Chimes once per critical chip not seen before; every chip on the strip now counts as seen. */
function scan(quiet) {
  let fresh = false;
  for (const chip of document.querySelectorAll(".alert-strip .alert-chip[data-alert]")) {
    const key = chipKey(chip);
    if (seen.has(key)) continue;
    seen.add(key);
    if (chip.classList.contains("sev-critical") && !chip.classList.contains("is-acked")) fresh = true;
  }
  if (fresh && !quiet && isOn()) chime();
}

/**
 * Shows the toggle's state. Blazor renders the button and never changes it; this module owns its aria-pressed (an
 * attribute Blazor's diff leaves alone) and CSS draws the bell from it, so no text node Blazor tracks is replaced.
 */
function paint() {
  const on = isOn();
  root.dataset.chime = on ? "on" : "off";
  const pressed = String(on);
  for (const toggle of document.querySelectorAll("[data-chime-toggle]")) {
    if (toggle.getAttribute("aria-pressed") !== pressed) toggle.setAttribute("aria-pressed", pressed);
  }
}

document.addEventListener("click", (event) => {
  if (!event.target.closest("[data-chime-toggle]")) return;
  const on = !isOn();
  remember(on);
  if (on) context(); // unlock audio while the click lasts
  paint();
});

// The strip and the toolbar are re-rendered by Blazor (live updates, kiosk rotation, reconnects): watch the document.
new MutationObserver(() => {
  paint();
  scan(false);
}).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["class", "data-episode"] });

scan(true);
paint();
