// basira review UI behaviour. Loaded from /static (the CSP allows no inline script).
// Keyboard: j/k next/previous, Enter open, c/o/e confirm/overturn/escalate (a reason is always required),
// Ctrl+Enter submits a decision. Blurred text is revealed by a click.
(function () {
  "use strict";

  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  // ---- reviewer wellbeing: blurred text until clicked
  function reveal() {
    var wrap = document.getElementById("doc-wrap");
    var button = document.getElementById("reveal");
    var snippet = document.getElementById("item-snippet");
    if (wrap) wrap.classList.remove("is-blurred");
    if (snippet) snippet.classList.remove("is-blurred");
    if (button) button.remove();
    document.querySelectorAll(".scan.is-blurred").forEach(function (scan) {
      scan.classList.remove("is-blurred");
      var more = scan.querySelector(".reveal");
      if (more) more.remove();
    });
  }

  // ---- evidence focus: hovering or clicking a reference outlines its spans in the text
  function marksFor(id) {
    var out = [];
    document.querySelectorAll("mark.hl[data-ev]").forEach(function (mark) {
      if (mark.getAttribute("data-ev").split(" ").indexOf(id) >= 0) out.push(mark);
    });
    return out;
  }
  function focusEvidence(id, on) {
    marksFor(id).forEach(function (m) { m.classList.toggle("focus", on); });
    document.querySelectorAll('[data-ev-ref="' + CSS.escape(id) + '"], [data-ev-id="' + CSS.escape(id) + '"]')
      .forEach(function (el) { el.classList.toggle("active", on); });
  }
  function evidenceId(el) {
    var ref = el && el.closest ? el.closest("[data-ev-ref], [data-ev-id]") : null;
    return ref ? (ref.getAttribute("data-ev-ref") || ref.getAttribute("data-ev-id")) : null;
  }

  // ---- queue: selection and quick decisions
  var selected = -1;
  function rows() { return Array.prototype.slice.call(document.querySelectorAll("tr.qrow")); }
  function select(index) {
    var all = rows();
    if (!all.length) return;
    selected = Math.max(0, Math.min(all.length - 1, index));
    all.forEach(function (row, i) { row.classList.toggle("selected", i === selected); });
    all[selected].focus({ preventScroll: true });
    all[selected].scrollIntoView({ block: "nearest" });
  }
  function quickDecide(action) {
    var all = rows();
    if (selected < 0 || !all[selected]) select(0);
    var row = rows()[selected];
    var dialog = document.getElementById("quick-decide");
    if (!row || !dialog) return;
    var form = document.getElementById("quick-form");
    form.setAttribute("action", row.getAttribute("data-review-url"));
    document.getElementById("quick-action").value = action;
    var labels = document.getElementById("quick-labels").content;
    var label = labels.querySelector('[data-action="' + action + '"]');
    document.getElementById("quick-action-label").textContent = label ? label.textContent : action;
    dialog.showModal();
    document.getElementById("quick-reason").focus();
  }

  // ---- item page: pick an action, focus the reason
  function chooseAction(action) {
    var radio = document.getElementById("action-" + action);
    var reason = document.getElementById("reason");
    if (!radio) return;
    radio.checked = true;
    if (reason) reason.focus();
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && typing(event.target)) {
      var form = event.target.form;
      if (form) { event.preventDefault(); form.requestSubmit(); }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var dialog = document.getElementById("quick-decide");
    if (dialog && dialog.open) return;
    var key = event.key;
    var onQueue = document.body.classList.contains("queue-page");
    var onItem = document.body.classList.contains("item-page");
    if (onQueue) {
      if (key === "j") { event.preventDefault(); select(selected + 1); }
      else if (key === "k") { event.preventDefault(); select(selected < 0 ? 0 : selected - 1); }
      else if (key === "Enter" && selected >= 0 && rows()[selected]) {
        event.preventDefault();
        window.location.assign(rows()[selected].getAttribute("data-href"));
      }
      else if (key === "c" || key === "o" || key === "e") {
        event.preventDefault();
        quickDecide({ c: "confirm", o: "overturn", e: "escalate" }[key]);
      }
    } else if (onItem) {
      if (key === "j" || key === "k") {
        var link = document.getElementById(key === "j" ? "next-item" : "prev-item");
        if (link) { event.preventDefault(); window.location.assign(link.getAttribute("href")); }
      } else if (key === "c" || key === "o" || key === "e") {
        event.preventDefault();
        chooseAction({ c: "confirm", o: "overturn", e: "escalate" }[key]);
      }
    }
  });

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    if (target.closest("#reveal") || target.closest(".doc-wrap.is-blurred") || target.closest(".scan.is-blurred")) {
      reveal(); return;
    }
    if (target.closest(".scan-box")) return;  // a box on a scanned page is a link to its evidence row
    if (target.closest("#quick-cancel")) { document.getElementById("quick-decide").close(); return; }
    var id = evidenceId(target);
    if (id) {
      var marks = marksFor(id);
      if (marks.length) marks[0].scrollIntoView({ block: "center", behavior: "smooth" });
      return;
    }
    var row = target.closest("tr.qrow");
    if (row && !target.closest("a")) window.location.assign(row.getAttribute("data-href"));
  });

  document.addEventListener("mouseover", function (event) {
    var id = evidenceId(event.target);
    if (id) focusEvidence(id, true);
  });
  document.addEventListener("mouseout", function (event) {
    var id = evidenceId(event.target);
    if (id) focusEvidence(id, false);
  });
  // Keyboard users get the same: a focused box on a scanned page highlights its evidence, and the other way.
  document.addEventListener("focusin", function (event) {
    var id = evidenceId(event.target);
    if (id) focusEvidence(id, true);
  });
  document.addEventListener("focusout", function (event) {
    var id = evidenceId(event.target);
    if (id) focusEvidence(id, false);
  });

  // After htmx replaces the queue results, start the selection again.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target && event.target.id === "queue-results") selected = -1;
  });
})();
