// Ask before irreversible taps (ending a session). Works for plain forms and survives htmx swaps.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
}, true);

// Refresh Tonight as soon as the phone's screen comes back. A plain event instead of an htmx trigger
// filter, which htmx would have to eval (the Content-Security-Policy allows no eval).
document.addEventListener("visibilitychange", function () {
  if (document.visibilityState === "visible") {
    document.dispatchEvent(new CustomEvent("sc-visible"));
  }
});
