// Progressive enhancement only: the app works without JavaScript.
// Disable a form's submit buttons once it is sent, so a double click makes one request.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!(form instanceof HTMLFormElement) || form.dataset.submitted === "true") {
    if (form instanceof HTMLFormElement && form.dataset.submitted === "true") { event.preventDefault(); }
    return;
  }
  form.dataset.submitted = "true";
  form.querySelectorAll("button[type=submit]").forEach(function (b) { b.setAttribute("aria-disabled", "true"); });
});
