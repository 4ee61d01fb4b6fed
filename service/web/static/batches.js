// Live progress of a batch job: polls the JSON API and updates the page in place.
// Without JavaScript the page reloads itself (<noscript><meta http-equiv="refresh">), so this is only nicer.
(function () {
  "use strict";
  var section = document.getElementById("batch");
  if (!section || !window.fetch) { return; }
  var api = section.getAttribute("data-api");
  var texts = JSON.parse(section.getAttribute("data-state-texts") || "{}");
  var delay = 1000;

  function text(id, value) { document.getElementById(id).textContent = value; }

  function show(job) {
    text("batch-state", texts[job.state] || job.state);
    text("batch-done", job.done);
    text("batch-total", job.total);
    var progress = document.getElementById("batch-progress");
    progress.max = job.total;
    progress.value = job.done;
    var list = document.getElementById("batch-error-list");
    list.textContent = "";
    (job.errors || []).forEach(function (error) {
      var item = document.createElement("li");
      var place = document.createElement("span");
      place.className = "place";
      place.textContent = error.source + (error.format ? " (" + error.format + ")" : "") + ": " + error.location;
      var message = document.createElement("span");
      message.className = "message";
      message.textContent = error.message;
      item.appendChild(place);
      item.appendChild(message);
      list.appendChild(item);
    });
    document.getElementById("batch-errors").hidden = !(job.errors && job.errors.length);
    if (job.result) {
      document.getElementById("batch-download").href = job.result;
      document.getElementById("batch-result").hidden = false;
    }
    return job.state === "done" || job.state === "failed";
  }

  function poll() {
    fetch(api, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (job) {
        if (!show(job)) { setTimeout(poll, delay); }
      })
      .catch(function () {
        // The API refused (a key is required) or the service restarts: reload the page, which needs no key.
        setTimeout(function () { window.location.reload(); }, 3000);
      });
  }

  setTimeout(poll, delay);
}());
