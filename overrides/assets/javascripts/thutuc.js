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

/* Procedure pages: "Trường hợp của bạn" / "Bạn nộp hồ sơ bằng cách nào" (overrides/thutuc/_cases.html).
 * Without JavaScript every case shows, each with its anchor. Here the page narrows to the chosen
 * case and channel, and the address says which (#truong-hop-2-truc-tuyen) so it can be sent on. */
(function () {
  "use strict";
  var root = document.querySelector("[data-tt-cases]");
  if (!root) return;
  var form = root.querySelector(".tt-chooser");
  var cases = Array.prototype.slice.call(root.querySelectorAll(".tt-case"));
  var status = form.querySelector(".tt-chooser__status");
  var all = form.querySelector(".tt-chooser__all");
  var links = root.querySelector(".tt-case-links");
  var ANCHOR = /^#truong-hop-(\d+)(?:-([a-z-]+))?$/;

  function radios(name) {
    return Array.prototype.slice.call(form.querySelectorAll('input[name="' + name + '"]'));
  }
  function picked(name) {
    var list = radios(name), on = list.filter(function (r) { return r.checked; })[0];
    return on ? on.value : null;
  }
  function pick(name, value) {
    radios(name).forEach(function (r) { r.checked = r.value === value; });
  }
  function channels(block) {
    return Array.prototype.slice.call(block.querySelectorAll(".tt-case__channel"));
  }
  function only(list) { return list.length === 1 ? list[0] : null; }

  function apply(write) {
    var number = picked("truong-hop") || (cases.length === 1 ? cases[0].getAttribute("data-case") : null);
    var slugs = channels(cases[0]).map(function (c) { return c.getAttribute("data-channel"); });
    var slug = picked("cach-nop") || only(slugs);
    var chosen = null;
    cases.forEach(function (block) {
      block.hidden = number !== null && block.getAttribute("data-case") !== number;
      if (!block.hidden && number !== null) chosen = block;
      channels(block).forEach(function (c) { c.hidden = slug !== null && c.getAttribute("data-channel") !== slug; });
    });
    var narrowed = (cases.length > 1 && number !== null) || (slugs.length > 1 && slug !== null);
    all.hidden = !narrowed;
    if (chosen) {
      var heading = chosen.querySelector("h3").textContent;
      var documents = chosen.querySelectorAll(".tt-checklist > li").length;
      var channel = slug && chosen.querySelector('.tt-case__channel[data-channel="' + slug + '"] h4');
      status.textContent = "Đang xem: " + heading + (channel ? " · " + channel.firstChild.textContent.trim() : "") +
        " — " + documents + " giấy tờ.";
    } else {
      status.textContent = narrowed ? "Đang xem giấy tờ của mọi trường hợp, chỉ một cách nộp." : "";
    }
    if (write) {
      var anchor = chosen ? chosen.id + (slug && slugs.length > 1 ? "-" + slug : "") : "";
      var address = window.location.pathname + window.location.search + (anchor ? "#" + anchor : "");
      try { window.history.replaceState(null, "", address); } catch (e) { /* file:// in some browsers */ }
    }
  }

  function fromAddress() {
    var match = ANCHOR.exec(window.location.hash);
    if (!match) return false;
    pick("truong-hop", match[1]);
    if (match[2]) pick("cach-nop", match[2]);
    apply(false);
    var target = document.getElementById(window.location.hash.slice(1));
    if (target) target.scrollIntoView();
    return true;
  }

  form.hidden = false;
  if (links) links.hidden = true;
  form.addEventListener("change", function () { apply(true); });
  all.addEventListener("click", function () {
    radios("truong-hop").concat(radios("cach-nop")).forEach(function (r) { r.checked = false; });
    apply(true);
    status.textContent = "Đang xem mọi trường hợp và mọi cách nộp.";
  });
  window.addEventListener("hashchange", fromAddress);
  if (!fromAddress()) apply(false);
})();
