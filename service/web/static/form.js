// Progressive enhancement of the staff form; the form works the same without it.
// On submit: refuse an upload over the size limit before sending it, then disable the button and show
// what is being prepared until the file arrives (the answer sets a cookie carrying this submit's token).
(function () {
  "use strict";
  var form = document.getElementById("document-form");
  if (!form) { return; }
  var button = document.getElementById("submit");
  var working = document.getElementById("working");
  var workingText = document.getElementById("working-text");
  var clientError = document.getElementById("client-error");
  var maxBytes = parseInt(form.getAttribute("data-max-bytes"), 10) || 0;
  var timer = null;

  function ready() {
    if (timer) { clearInterval(timer); timer = null; }
    button.disabled = false;
    working.hidden = true;
  }

  window.addEventListener("pageshow", ready);

  form.addEventListener("submit", function (event) {
    var total = 0;
    Array.prototype.forEach.call(form.querySelectorAll("input[type=file]"), function (input) {
      if (input.files && input.files[0]) { total += input.files[0].size; }
    });
    if (maxBytes && total > maxBytes) {
      event.preventDefault();
      clientError.textContent = form.getAttribute("data-too-large");
      clientError.hidden = false;
      return;
    }
    clientError.hidden = true;
    var token = Math.random().toString(36).slice(2, 12) + Date.now().toString(36);
    form.elements.download_token.value = token;
    var format = form.querySelector("input[name=format]:checked");
    workingText.textContent = form.getAttribute(
      format && format.value === "pdf" ? "data-working-pdf" : "data-working-docx");
    working.hidden = false;
    window.setTimeout(function () { button.disabled = true; }, 0);
    var started = Date.now();
    timer = setInterval(function () {
      if (document.cookie.indexOf("kagaz_download=" + token) !== -1) {
        document.cookie = "kagaz_download=; Max-Age=0; Path=/; SameSite=Strict";
        ready();
      } else if (Date.now() - started > 180000) {
        ready();
      }
    }, 400);
  });
})();
