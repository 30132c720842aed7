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
