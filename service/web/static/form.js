// Progressive enhancement of the staff form; the form works the same without it.
// On submit: refuse an upload over the size limit before sending it, then send the form with fetch, so that
// a refused upload shows its problems while the chosen files, document and format stay as they were (a page
// reload would empty every file input). The document arrives as a download; the problems replace the box.
(function () {
  "use strict";
  var form = document.getElementById("document-form");
  if (!form) { return; }
  var button = document.getElementById("submit");
  var working = document.getElementById("working");
  var workingText = document.getElementById("working-text");
  var clientError = document.getElementById("client-error");
  var maxBytes = parseInt(form.getAttribute("data-max-bytes"), 10) || 0;
  var enhanced = !!(window.fetch && window.FormData && window.DOMParser && window.URL && URL.createObjectURL);
  var timer = null;

  function ready() {
    if (timer) { clearInterval(timer); timer = null; }
    button.disabled = false;
    working.hidden = true;
  }

  window.addEventListener("pageshow", ready);

  function totalBytes() {
    var total = 0;
    Array.prototype.forEach.call(form.querySelectorAll("input[type=file]"), function (input) {
      if (input.files && input.files[0]) { total += input.files[0].size; }
    });
    return total;
  }

  function showWorking() {
    var format = form.querySelector("input[name=format]:checked");
    workingText.textContent = form.getAttribute(
      format && format.value !== "docx" ? "data-working-pdf" : "data-working-docx");
    working.hidden = false;
    window.setTimeout(function () { button.disabled = true; }, 0);
  }

  // Without fetch: a plain submit; the answer's cookie tells when the download has started.
  function watchDownload() {
    var token = Math.random().toString(36).slice(2, 12) + Date.now().toString(36);
    form.elements.download_token.value = token;
    var started = Date.now();
    timer = setInterval(function () {
      if (document.cookie.indexOf("kagaz_download=" + token) !== -1) {
        document.cookie = "kagaz_download=; Max-Age=0; Path=/; SameSite=Strict";
        ready();
      } else if (Date.now() - started > 180000) {
        ready();
      }
    }, 400);
  }

  function fileName(disposition) {
    var star = /filename\*=UTF-8''([^;]+)/i.exec(disposition || "");
    if (star) { return decodeURIComponent(star[1]); }
    var plain = /filename="?([^";]+)"?/i.exec(disposition || "");
    return plain ? plain[1] : "document";
  }

  function download(response) {
    var name = fileName(response.headers.get("Content-Disposition"));
    return response.blob().then(function (blob) {
      var url = URL.createObjectURL(blob);
      var link = document.createElement("a");
      link.href = url;
      link.download = name;
      link.hidden = true;
      document.body.appendChild(link);
      link.click();
      window.setTimeout(function () { URL.revokeObjectURL(url); link.remove(); }, 60000);
    });
  }

  // The page the server answered with: its problem box replaces ours, its chosen document is ours too
  // (the server may have recognized the file as the other document); the files stay chosen.
  function showProblems(html) {
    var answer = new DOMParser().parseFromString(html, "text/html");
    var box = answer.getElementById("errors");
    var old = document.getElementById("errors");
    if (old) { old.remove(); }
    if (!box) { return false; }
    var note = box.querySelector(".note");
    if (note) { note.remove(); }  // «choose the file again» is true only after a reload
    form.insertBefore(document.importNode(box, true), form.querySelector("fieldset"));
    var chosen = answer.querySelector("input[name=document]:checked");
    if (chosen) {
      var mine = document.getElementById(chosen.id);
      if (mine) { mine.checked = true; }
    }
    var title = answer.querySelector("title");
    if (title) { document.title = title.textContent; }
    var shown = document.getElementById("errors");
    shown.setAttribute("tabindex", "-1");
    shown.focus();
    return true;
  }

  form.addEventListener("submit", function (event) {
    if (maxBytes && totalBytes() > maxBytes) {
      event.preventDefault();
      clientError.textContent = form.getAttribute("data-too-large");
      clientError.hidden = false;
      return;
    }
    clientError.hidden = true;
    // «Submit to the register» answers with a page (the confirmation, or the problems): the plain way.
    if (event.submitter && event.submitter.value === "submit") { return; }
    showWorking();
    if (!enhanced) { watchDownload(); return; }
    event.preventDefault();
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (response.ok && type.indexOf("text/html") === -1) {
          var old = document.getElementById("errors");
          if (old) { old.remove(); }
          return download(response);
        }
        return response.text().then(function (html) {
          if (!showProblems(html)) { throw new Error("no problems in the answer"); }
        });
      })
      .catch(function () {
        // Anything unexpected: send the form the plain way, which shows the server's own page.
        enhanced = false;
        HTMLFormElement.prototype.submit.call(form);  // the button #submit hides form.submit
      })
      .then(ready);
  });
})();
