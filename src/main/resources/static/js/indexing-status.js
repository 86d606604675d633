// Live indexing status on /matters/{id}/documents: while any document's current version is queued or
// being indexed, asks the matter's status endpoint every two seconds and updates each row's status
// text and progress bar (text nodes only: a label is never markup). Stops when nothing is pending and
// starts again when an upload adds or replaces a row. Without this script a reload shows the status.
(function () {
  'use strict';

  var table = document.getElementById('documents');
  if (!table || !window.fetch) { return; }
  var first = table.querySelector('.index-status[data-status-url]');
  var form = document.getElementById('upload-form');
  var url = first ? first.getAttribute('data-status-url')
    : (form ? form.getAttribute('data-upload-url') + '/indexing' : null);
  if (!url) { return; }
  var timer = null;
  var INTERVAL = 2000;

  function pending() {
    var states = table.querySelectorAll('.index-status');
    for (var i = 0; i < states.length; i++) {
      var state = states[i].getAttribute('data-state');
      if (state === 'queued' || state === 'extracting') { return true; }
    }
    // A row added by an upload has no status yet.
    return table.tBodies[0].querySelectorAll('tr[data-document-id]').length > states.length;
  }

  function statusOf(row) {
    var status = row.querySelector('.index-status');
    if (!status) {
      var cell = row.cells[0];
      if (!cell) { return null; }
      cell.appendChild(document.createElement('br'));
      status = document.createElement('small');
      status.className = 'muted index-status';
      status.setAttribute('aria-live', 'polite');
      cell.appendChild(status);
    }
    return status;
  }

  function progressOf(status) {
    var progress = status.parentNode.querySelector('progress.index-progress');
    if (!progress) {
      progress = document.createElement('progress');
      progress.className = 'index-progress';
      progress.setAttribute('aria-label', 'Indexing progress');
      progress.hidden = true;
      status.parentNode.insertBefore(progress, status.nextSibling);
    }
    return progress;
  }

  function update(data) {
    data.documents.forEach(function (d) {
      var row = table.querySelector('tr[data-document-id="' + d.documentId + '"]');
      if (!row) { return; }
      var status = statusOf(row);
      if (!status) { return; }
      if (status.textContent !== d.label) { status.textContent = d.label; }
      status.setAttribute('data-state', d.state);
      var progress = progressOf(status);
      if (d.state === 'extracting') {
        progress.hidden = false;
        if (d.total) {
          progress.max = d.total;
          progress.value = d.done || 0;
        } else {
          progress.removeAttribute('value'); // indeterminate while the text is extracted
        }
      } else {
        progress.hidden = true;
      }
    });
  }

  function poll() {
    timer = null;
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data) { update(data); }
        schedule(data !== null);
      })
      .catch(function () { schedule(false); });
  }

  function schedule(ok) {
    if (timer === null && ok && pending()) { timer = window.setTimeout(poll, INTERVAL); }
  }

  // An upload (documents.js) adds or rewrites a row: look again.
  new MutationObserver(function () {
    if (timer === null) { timer = window.setTimeout(poll, INTERVAL); }
  }).observe(table.tBodies[0], { childList: true, subtree: true });

  schedule(true);
}());
