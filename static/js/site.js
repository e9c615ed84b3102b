/* Sleep Call: small helpers. Every page works without this file; it only makes things quicker. */
(function () {
  "use strict";
  var ZONES = { 7: "Asia/Jakarta", 8: "Asia/Makassar", 9: "Asia/Jayapura" };
  var meta = document.querySelector('meta[name="sc-zone"]');

  // 1. A visitor's zone from the browser, once; a signed-in customer's profile decides instead.
  if (meta && meta.dataset.auth === "0" && !/(?:^|; )tz=/.test(document.cookie)) {
    var zone = ZONES[-new Date().getTimezoneOffset() / 60];
    if (zone) {
      document.cookie = "tz=" + zone + "; path=/; max-age=31536000; samesite=lax";
      if (zone !== meta.content && document.querySelector("[data-deadline], .zone-picker")) location.reload();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.documentElement.classList.add("js");

    // 2. Copy buttons.
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        var text = button.dataset.copy, label = button.textContent;
        var done = function () {
          button.textContent = button.dataset.copied || "✓";
          setTimeout(function () { button.textContent = label; }, 2000);
        };
        var fallback = function () {
          var area = document.createElement("textarea");
          area.value = text; area.setAttribute("readonly", ""); area.style.position = "absolute"; area.style.left = "-999px";
          document.body.appendChild(area); area.select();
          try { document.execCommand("copy"); done(); } catch (e) { /* the number stays visible to copy by hand */ }
          document.body.removeChild(area);
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done, fallback);
        } else {
          fallback();
        }
      });
    });

    // 3. Countdown to the payment deadline.
    document.querySelectorAll("[data-deadline]").forEach(function (el) {
      var deadline = new Date(el.dataset.deadline).getTime();
      var tick = function () {
        var left = Math.floor((deadline - Date.now()) / 1000);
        if (left <= 0) { el.textContent = el.dataset.expired; el.classList.add("over"); return; }
        var h = Math.floor(left / 3600), m = Math.floor(left % 3600 / 60), s = left % 60;
        var pad = function (n) { return (n < 10 ? "0" : "") + n; };
        el.textContent = (h ? h + ":" + pad(m) : m) + ":" + pad(s) + " " + el.dataset.left;
        setTimeout(tick, 1000);
      };
      tick();
    });

    // 4. Zone picker and other small forms: submit on change.
    document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });

    // 5. The amount on a proof: warn before sending when it is not what is due (the server asks too).
    document.querySelectorAll("form[data-amount-check]").forEach(function (form) {
      var input = form.querySelector('[name="amount_claimed"]');
      var warning = form.querySelector(".amount-warning"), confirmBox = form.querySelector(".amount-confirm");
      var tick = confirmBox && confirmBox.querySelector("input");
      if (!input || !warning || !confirmBox) return;
      var differs = function () {
        var typed = input.value.replace(/^\s*rp\.?\s*/i, "").replace(/[.\s]/g, "");
        return /^\d+$/.test(typed) && typed !== form.dataset.expected;
      };
      var show = function () {
        var on = differs();
        warning.textContent = on ? warning.dataset.template : "";
        warning.hidden = !on;
        if (on) confirmBox.hidden = false;
      };
      input.addEventListener("input", show);
      form.addEventListener("submit", function (event) {
        show();
        if (differs() && !tick.checked) { event.preventDefault(); warning.scrollIntoView({ block: "center" }); tick.focus(); }
      });
    });

    // 6. Links and buttons that ask first ("cancel this booking?"); without JavaScript a page asks instead.
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.dataset.confirm)) event.preventDefault();
      });
    });

    // 7. Slot picking: changing package or night fetches only the free times.
    var nightForm = document.getElementById("night-form");
    if (nightForm) {
      var target = document.getElementById(nightForm.dataset.slotsTarget);
      nightForm.addEventListener("change", function () {
        var query = new URLSearchParams(new FormData(nightForm)).toString();
        var url = nightForm.action.split("?")[0] + "?" + query;
        target.setAttribute("aria-busy", "true");
        fetch(url, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
          .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
          .then(function (html) { target.innerHTML = html; history.replaceState(null, "", url); })
          .catch(function () { nightForm.submit(); })
          .finally(function () { target.removeAttribute("aria-busy"); });
      });
    }
  });
})();
