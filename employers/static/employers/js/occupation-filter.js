/*
 * Occupation filter for the job form: a progressive enhancement of the plain,
 * grouped <select> (which works on its own without JavaScript).
 *
 * It adds a labelled search box above the list; typing part of a name or code
 * (in Swedish or English, accents optional) keeps only the matching options,
 * and a polite live region says how many are shown. Enter or the down arrow
 * moves to the list; the list stays a native select, so the keyboard and
 * screen readers work as usual. The value sent is the concept id, as before.
 */
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function enhance(select) {
    var label = select.getAttribute("data-filter-label");
    var statusTemplate = select.getAttribute("data-filter-status") || "%(count)s";
    var help = select.getAttribute("data-filter-help") || "";
    var id = select.id + "-filter";

    // The full list, kept aside: filtering rebuilds the select from it (hiding
    // options does not work in every browser).
    var groups = Array.prototype.map.call(select.children, function (node) {
      return node.cloneNode(true);
    });

    var wrapper = document.createElement("div");
    wrapper.className = "occupation-filter";
    var labelElement = document.createElement("label");
    labelElement.setAttribute("for", id);
    labelElement.textContent = label;
    var helpElement = document.createElement("p");
    helpElement.className = "helptext";
    helpElement.id = id + "-help";
    helpElement.textContent = help;
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    input.setAttribute("aria-controls", select.id);
    input.setAttribute("aria-describedby", helpElement.id + " " + id + "-status");
    var status = document.createElement("p");
    status.id = id + "-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    wrapper.append(labelElement, helpElement, input, status);

    var fieldLabel = document.querySelector('label[for="' + select.id + '"]');
    (fieldLabel || select).before(wrapper);

    function matches(option, words) {
      if (!option.value) {
        return true; // the empty choice stays
      }
      var text = fold(option.textContent + " " + (option.getAttribute("data-search") || ""));
      return words.every(function (word) {
        return text.indexOf(word) !== -1;
      });
    }

    function apply() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var chosen = select.value;
      var count = 0;
      var firstMatch = null;
      select.replaceChildren();
      groups.forEach(function (node) {
        if (node.tagName === "OPTGROUP") {
          var group = node.cloneNode(false);
          Array.prototype.forEach.call(node.children, function (option) {
            if (matches(option, words)) {
              group.append(option.cloneNode(true));
              count += 1;
              firstMatch = firstMatch || option.value;
            }
          });
          if (group.children.length) {
            select.append(group);
          }
        } else if (matches(node, words)) {
          select.append(node.cloneNode(true));
        }
      });
      // Keep the choice if it is still shown; else take the first match.
      var shown = Array.prototype.some.call(select.options, function (option) {
        return option.value === chosen;
      });
      select.value = shown && (chosen || !words.length) ? chosen : firstMatch || "";
      status.textContent = statusTemplate.replace("%(count)s", String(count));
    }

    input.addEventListener("input", apply);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === "ArrowDown") {
        event.preventDefault(); // Enter must not send the form from the filter
        select.focus();
      }
    });
  }

  document.querySelectorAll("select[data-occupation-filter]").forEach(enhance);
})();
