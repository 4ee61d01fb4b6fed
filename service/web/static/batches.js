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
  function reveal(id, shown) { document.getElementById(id).hidden = !shown; }

  function show(job) {
    text("batch-state", texts[job.state] || job.state);
    text("batch-progress-text", (texts.progress || "{done} / {total}")
      .replace("{done}", job.done).replace("{total}", job.total));
    var progress = document.getElementById("batch-progress");
    progress.max = job.total;
    progress.value = job.done;
    var summary = job.summary || {};
    text("batch-made", summary.made === null || summary.made === undefined ? "" : summary.made);
    reveal("summary-made", summary.made !== null && summary.made !== undefined);
    text("batch-skipped", summary.skipped || 0);
    reveal("summary-skipped", !!summary.skipped);
    text("batch-failed", summary.failed || 0);
    reveal("summary-failed", !!summary.failed);
    var list = document.getElementById("batch-error-list");
    list.textContent = "";
    (job.errors || []).forEach(function (error) {
      var item = document.createElement("li");
      var place = document.createElement("span");
      place.className = "place";
      place.textContent = (texts.source || "") + " «" + error.source + "»" +
        (error.format ? " (" + error.format.toUpperCase() + ")" : "") + (error.place ? ": " + error.place : "");
      var message = document.createElement("span");
      message.className = "message";
      message.textContent = error.message;
      item.appendChild(place);
      item.appendChild(message);
      list.appendChild(item);
    });
    reveal("batch-errors", job.errors && job.errors.length);
    if (job.result) {
      document.getElementById("batch-download").href = job.result;
      reveal("batch-result", true);
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
        else if (job.state === "failed") { window.location.reload(); }  // the page says why, in words
      })
      .catch(function () {
        // The API refused (a key is required) or the service restarts: reload the page, which needs no key.
        setTimeout(function () { window.location.reload(); }, 3000);
      });
  }

  setTimeout(poll, delay);
}());
