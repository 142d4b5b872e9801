// Candidate portal, progressive enhancement only: every page works without JavaScript.
(function () {
  "use strict";
  // Move focus to the error summary after a failed post, so screen-reader and keyboard users land on it.
  var summary = document.querySelector("[data-focus-on-load='true']");
  if (summary) { summary.focus(); }

  // Request form: show the type-specific questions only for the rights that are ticked.
  var boxes = document.querySelectorAll("input[name='Data.Types'][data-details]");
  function sync() {
    boxes.forEach(function (box) {
      var section = document.getElementById(box.getAttribute("data-details"));
      if (section) { section.hidden = !box.checked; }
    });
  }
  boxes.forEach(function (box) { box.addEventListener("change", sync); });
  if (boxes.length) { sync(); }
})();
