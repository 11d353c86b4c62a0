/* A live character counter under every text area with a length limit
   (data-maxlength, set by portal.forms.LongTextField). Progressive enhancement: without
   this script the form still works and the server explains a text over the limit.
   Nothing is ever cut: the text area has no maxlength attribute. */
(function () {
  "use strict";

  function fill(template, count, max) {
    return template.replace("{count}", String(count)).replace("{max}", String(max));
  }

  function attach(area, index) {
    var max = parseInt(area.getAttribute("data-maxlength"), 10);
    if (!max) {
      return;
    }
    var counter = document.createElement("p");
    counter.className = "char-counter";
    counter.id = (area.id || "text-" + index) + "-counter";
    counter.setAttribute("aria-live", "polite");
    area.insertAdjacentElement("afterend", counter);
    var described = area.getAttribute("aria-describedby");
    area.setAttribute("aria-describedby", described ? described + " " + counter.id : counter.id);

    var timer = null;
    function update() {
      var count = area.value.length;
      var over = count > max;
      var template = area.getAttribute(over ? "data-counter-over" : "data-counter") || "{count} / {max}";
      counter.textContent = fill(template, count, max);
      counter.classList.toggle("char-counter-over", over);
      if (over) {
        area.setAttribute("aria-invalid", "true");
      } else if (!area.hasAttribute("data-server-invalid")) {
        area.removeAttribute("aria-invalid");
      }
    }
    if (area.getAttribute("aria-invalid") === "true") {
      area.setAttribute("data-server-invalid", "");
    }
    update();
    area.addEventListener("input", function () {
      /* Screen readers hear the count once typing pauses, not at every key. */
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 400);
    });
  }

  function start() {
    var areas = document.querySelectorAll("textarea[data-maxlength]");
    for (var i = 0; i < areas.length; i += 1) {
      attach(areas[i], i);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
