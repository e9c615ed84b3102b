/* The waiting list reloads its rows every few seconds (data-refresh-seconds) so a busy night needs no F5.
   The ticked checkboxes stay ticked; nothing reloads while a verifier types a reason or has a form open.
   A file, not inline script: the CSP allows only 'self' scripts. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("sc-waiting-list");
    var seconds = root ? parseInt(root.dataset.refreshSeconds, 10) : 0;
    if (!root || !(seconds > 0)) return;

    function busy() {
      var active = document.activeElement;
      if (active && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName) && active.type !== "checkbox") return true;
      return document.querySelector("#result_list details[open]") !== null;
    }

    function refresh() {
      if (busy() || document.hidden) return;
      fetch(window.location.href, { credentials: "same-origin" })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
        .then(function (html) {
          if (busy()) return;
          var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("#result_list tbody");
          var body = document.querySelector("#result_list tbody");
          if (!fresh || !body) return;
          var ticked = {};
          body.querySelectorAll("input.action-select:checked").forEach(function (box) { ticked[box.value] = true; });
          body.replaceWith(fresh);
          fresh.querySelectorAll("input.action-select").forEach(function (box) {
            if (ticked[box.value]) {
              box.checked = true;
              box.closest("tr").classList.add("selected");
            }
          });
        })
        .catch(function () { /* the next tick tries again */ });
    }

    window.setInterval(refresh, seconds * 1000);
  });
})();
