/* Material 9.8 reads the search box on keyup only. Text that arrives without a key release —
 * pasted from a chat app, picked from a phone keyboard's suggestion strip, dictated — would
 * not be searched until the next keystroke. Re-announce every `input` as a keyup. */
(function () {
  "use strict";
  document.addEventListener("input", function (event) {
    var target = event.target;
    if (target && target.classList && target.classList.contains("md-search__input") && !event.isComposing) {
      target.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: "Unidentified" }));
    }
  }, true);
  document.addEventListener("compositionend", function (event) {
    var target = event.target;
    if (target && target.classList && target.classList.contains("md-search__input")) {
      target.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: "Unidentified" }));
    }
  }, true);
})();

/* Kiosk copies: after three idle minutes, go back to the start page so the next citizen
 * does not find someone else's search. */
(function () {
  "use strict";
  var bar = document.querySelector(".tt-kiosk-bar");
  if (!bar) return;
  var home = bar.getAttribute("data-home"), timer = null;
  function arm() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(function () { window.location.href = home; }, 180000);
  }
  ["pointerdown", "keydown", "scroll", "touchstart"].forEach(function (name) {
    window.addEventListener(name, arm, { passive: true, capture: true });
  });
  arm();
})();

/* Filters on the list of feedback cases (the list is complete without JavaScript). */
(function () {
  "use strict";
  var form = document.querySelector("form.tt-filters");
  if (!form) return;
  var items = Array.prototype.slice.call(document.querySelectorAll(".tt-cases > li"));
  var count = document.querySelector("[data-count]");
  function apply() {
    var wanted = {};
    form.querySelectorAll("select[data-filter]").forEach(function (select) {
      wanted[select.getAttribute("data-filter")] = select.value;
    });
    var shown = 0;
    items.forEach(function (item) {
      var ok = Object.keys(wanted).every(function (key) {
        return !wanted[key] || (" " + item.getAttribute("data-" + key) + " ").indexOf(" " + wanted[key] + " ") >= 0;
      });
      item.hidden = !ok;
      if (ok) shown++;
    });
    if (count) count.textContent = shown + " vụ việc.";
  }
  form.hidden = false;
  form.addEventListener("change", apply);
})();
