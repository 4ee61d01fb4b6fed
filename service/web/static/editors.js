// The editors' page: say that a template is being checked while the upload's answer is awaited (the check
// fills the template with the sample data and converts it to PDF: up to a minute). Without JavaScript the
// form posts all the same; this only shows progress.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form) { return; }
  form.addEventListener("submit", function () {
    var status = document.getElementById("checking");
    document.getElementById("checking-text").textContent = form.getAttribute("data-checking");
    status.hidden = false;
    document.getElementById("upload-button").disabled = true;
  });
}());
