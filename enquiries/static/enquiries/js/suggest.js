/*
 * Live suggestions on the enquiry form: a progressive enhancement of the
 * "Show matching guides first" step (which works without JavaScript).
 *
 * When the newcomer pauses typing in the message (600 ms, at least 20
 * characters), the text is POSTed (with the form's CSRF token, so it never sits
 * in a URL) to the suggestion endpoint, and a polite live region under the
 * message shows the suggested municipality and topic, each with a "Use" button.
 * Nothing is selected unless the newcomer clicks "Use". The labels come from the
 * form's data- attributes (translated by the template).
 */
(function () {
  "use strict";

  var DELAY = 600;
  var MIN_CHARS = 20;
  var MAX_CHARS = 2000;

  function fill(template, name) {
    return template.replace("%(name)s", name);
  }

  function enhance(form) {
    var message = form.querySelector("textarea[name=message]");
    var municipality = form.querySelector("select[name=municipality]");
    var topic = form.querySelector("select[name=topic]");
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (!message || !token) {
      return;
    }
    var data = form.dataset;
    var region = document.createElement("div");
    region.className = "live-suggestions";
    region.id = message.id + "-suggestions";
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    message.parentNode.append(region); // under the message and its character counter

    var timer = null;
    var sent = 0;
    var lastText = "";

    function line(template, item, select) {
      var p = document.createElement("p");
      // The name goes where the translation puts "%(name)s".
      var parts = template.split("%(name)s");
      var name = document.createElement("strong");
      name.setAttribute("dir", "auto");
      name.textContent = item.name;
      p.append(parts[0], name, parts.slice(1).join(""));
      if (select && select.value !== String(item.pk)) {
        var use = document.createElement("button");
        use.type = "button";
        use.className = "button button-secondary";
        use.textContent = data.suggestUse;
        use.setAttribute("aria-label", fill(data.suggestUseLabel, item.name));
        use.addEventListener("click", function () {
          select.value = String(item.pk);
          select.dispatchEvent(new Event("change", { bubbles: true }));
          use.remove();
        });
        p.append(" ", use);
      }
      return p;
    }

    function show(result) {
      region.replaceChildren();
      if (result.municipality && municipality) {
        region.append(line(data.suggestPlace, result.municipality, municipality));
      }
      if (result.topics && result.topics.length && topic) {
        region.append(line(data.suggestTopic, result.topics[0], topic));
      }
    }

    function ask() {
      var text = message.value.trim().slice(0, MAX_CHARS);
      if (text.length < MIN_CHARS) {
        lastText = "";
        region.replaceChildren();
        return;
      }
      if (text === lastText) {
        return;
      }
      lastText = text;
      var mine = ++sent;
      var body = new URLSearchParams();
      body.set("text", text);
      fetch(data.suggestUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": token.value, Accept: "application/json" },
        body: body,
      })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (result) {
          if (result && mine === sent) {
            show(result);
          }
        })
        .catch(function () {
          // Offline or refused: the form works as before, without suggestions.
        });
    }

    message.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, DELAY);
    });
  }

  document.querySelectorAll("form[data-suggest-url]").forEach(enhance);
})();
