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
 * Without JavaScript every case shows, each with its anchor. Here a chooser is built from the
 * page itself, the page narrows to the chosen case, the chosen channel's card of section 2 (fees,
 * time limit, where to go) is shown under it, and the address says which (#truong-hop-2-truc-tuyen)
 * so that it can be sent on. */
(function () {
  "use strict";
  var root = document.querySelector(".tt-dcases[data-channels]");
  if (!root) return;
  var cases = Array.prototype.slice.call(root.querySelectorAll(".tt-dcase"));
  var channels = root.getAttribute("data-channels").split("|").map(function (item) {
    var parts = item.split(":");
    return { kind: parts[0], slug: parts[1], label: parts.slice(2).join(":") };
  });
  var links = root.querySelector(".tt-dcase-links");
  var ANCHOR = /^#truong-hop-(\d+)(?:-([a-z-]+))?$/;

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) node.textContent = text;
    return node;
  }
  function group(legend, name, options) {
    var set = element("fieldset");
    set.appendChild(element("legend", {}, legend));
    options.forEach(function (option) {
      var label = element("label", { "class": "tt-choice" });
      label.appendChild(element("input", { type: "radio", name: name, value: option.value }));
      label.appendChild(document.createTextNode(" " + option.text));
      set.appendChild(label);
    });
    return set;
  }

  var form = element("form", { "class": "tt-chooser tt-noprint" });
  if (cases.length > 1) {
    var names = links ? links.querySelectorAll("a") : [];
    form.appendChild(group("Trường hợp của bạn", "truong-hop", cases.map(function (block, i) {
      return { value: block.getAttribute("data-case"), text: names[i] ? names[i].textContent : block.querySelector("h3").textContent };
    })));
  }
  if (channels.length > 1) {
    form.appendChild(group("Bạn nộp hồ sơ bằng cách nào", "cach-nop", channels.map(function (c) {
      return { value: c.slug, text: c.label };
    })));
  }
  var status = element("p", { "class": "tt-chooser__status", role: "status" });
  var all = element("button", { type: "button", "class": "tt-chooser__all md-button" }, "Xem tất cả các trường hợp");
  form.appendChild(status);
  form.appendChild(all);
  var facts = element("div", { "class": "tt-dcase__facts" });
  root.insertBefore(form, root.firstChild);
  root.appendChild(facts);
  if (links) links.hidden = true;

  function radios(name) {
    return Array.prototype.slice.call(form.querySelectorAll('input[name="' + name + '"]'));
  }
  function picked(name) {
    var on = radios(name).filter(function (r) { return r.checked; })[0];
    return on ? on.value : null;
  }
  function pick(name, value) {
    radios(name).forEach(function (r) { r.checked = r.value === value; });
  }
  function channelOf(slug) {
    return channels.filter(function (c) { return c.slug === slug; })[0] || null;
  }

  function showFacts(channel, chosen) {
    facts.textContent = "";
    var card = channel && document.querySelector('.tt-channels .tt-channel[data-channel="' + channel.kind + '"]');
    if (!card) return;
    var copy = card.cloneNode(true);
    // The case has fees of its own for this channel (shown in its block): drop the card's list of all fees.
    if (chosen && chosen.querySelector('.tt-dcase__fee[data-channel="' + channel.slug + '"]')) {
      Array.prototype.slice.call(copy.querySelectorAll("p")).forEach(function (p) {
        if (p.querySelector(".tt-money")) p.parentNode.removeChild(p);
      });
    }
    facts.appendChild(copy);
  }

  function apply(write) {
    var number = picked("truong-hop") || (cases.length === 1 ? cases[0].getAttribute("data-case") : null);
    var channel = channelOf(picked("cach-nop")) || (channels.length === 1 ? channels[0] : null);
    var chosen = null;
    cases.forEach(function (block) {
      block.hidden = number !== null && block.getAttribute("data-case") !== number;
      if (!block.hidden && number !== null) chosen = block;
      Array.prototype.slice.call(block.querySelectorAll(".tt-dcase__fee")).forEach(function (line) {
        line.hidden = channel !== null && line.getAttribute("data-channel") !== channel.slug;
      });
    });
    showFacts(channel, chosen);
    var narrowed = (cases.length > 1 && number !== null) || (channels.length > 1 && channel !== null);
    all.hidden = !narrowed;
    if (!narrowed) status.textContent = "";
    else if (chosen) {
      status.textContent = "Đang xem: " + (cases.length > 1 ? chosen.querySelector("h3").textContent : "giấy tờ cần chuẩn bị") +
        (channel ? " · " + channel.label : "") + " — " + chosen.querySelectorAll(".tt-checklist > li").length + " giấy tờ.";
    } else status.textContent = "Đang xem mọi trường hợp, cách nộp: " + channel.label + ".";
    if (write) {
      var anchor = chosen ? chosen.id + (channel && channels.length > 1 ? "-" + channel.slug : "") : "";
      var address = window.location.pathname + window.location.search + (anchor ? "#" + anchor : "");
      try { window.history.replaceState(null, "", address); } catch (e) { /* the choice still shows */ }
    }
  }

  function fromAddress() {
    var match = ANCHOR.exec(window.location.hash);
    if (!match) return false;
    pick("truong-hop", match[1]);
    if (match[2]) pick("cach-nop", match[2]);
    apply(false);
    var target = document.getElementById("truong-hop-" + match[1]);
    if (target) target.scrollIntoView();
    return true;
  }

  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  all.addEventListener("click", function () {
    radios("truong-hop").concat(radios("cach-nop")).forEach(function (r) { r.checked = false; });
    apply(true);
    status.textContent = "Đang xem mọi trường hợp và mọi cách nộp.";
  });
  window.addEventListener("hashchange", fromAddress);
  if (!fromAddress()) apply(false);
})();
