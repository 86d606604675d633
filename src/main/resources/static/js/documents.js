// Document uploads on /matters/{id}/documents: drag and drop or the file input, sent with
// XMLHttpRequest to the API so that the progress bar follows the bytes actually sent. Without
// this script the forms post to the page's own upload handler and work all the same.
(function () {
  'use strict';

  var tokenMeta = document.querySelector('meta[name="_csrf"]');
  var headerMeta = document.querySelector('meta[name="_csrf_header"]');

  function upload(form, file) {
    if (form.getAttribute('data-uploading')) { return; } // one upload per form at a time
    form.setAttribute('data-uploading', 'yes');
    var input = form.querySelector('input[type="file"]');
    var progress = form.querySelector('progress');
    var percent = form.querySelector('output');
    var status = form.querySelector('[role="status"]') || percent;
    var data = new FormData();
    // Fields first, the file last: the server reads the fields before it streams the file.
    Array.prototype.forEach.call(form.elements, function (element) {
      if (element.name && element.name !== 'file' && element.name !== '_csrf' && element.value) {
        data.append(element.name, element.value);
      }
    });
    data.append('file', file, file.name);

    var request = new XMLHttpRequest();
    request.open('POST', form.getAttribute('data-upload-url'));
    if (tokenMeta && headerMeta) {
      request.setRequestHeader(headerMeta.content, tokenMeta.content);
    }
    request.setRequestHeader('Accept', 'application/json');
    progress.hidden = false;
    progress.value = 0;
    percent.textContent = '0%';
    status.textContent = 'Uploading ' + file.name + '…';
    request.upload.addEventListener('progress', function (event) {
      if (event.lengthComputable) {
        var done = Math.floor((event.loaded / event.total) * 100);
        progress.value = done;
        percent.textContent = done + '%';
      }
    });
    request.addEventListener('loadend', function () { form.removeAttribute('data-uploading'); });
    request.addEventListener('load', function () {
      if (request.status === 201) {
        if (input) { input.value = ''; } // stored: pressing Upload again does not store it twice
        var stored = JSON.parse(request.responseText);
        progress.value = 100;
        percent.textContent = '100%';
        status.textContent = 'Stored ' + stored.title + ' as version ' + stored.currentVersion + '.';
        show(stored);
      } else {
        var message = 'The upload failed (' + request.status + ').';
        try {
          var problem = JSON.parse(request.responseText);
          if (problem.detail) { message = problem.detail; }
        } catch (ignored) { /* not JSON */ }
        progress.hidden = true;
        status.textContent = message;
      }
    });
    request.addEventListener('error', function () {
      progress.hidden = true;
      status.textContent = 'The upload was interrupted; nothing was kept. Try again.';
    });
    request.send(data);
  }

  // Adds or updates the document's row, built with text nodes only (a title is never markup).
  function show(stored) {
    var table = document.getElementById('documents');
    var empty = document.getElementById('no-documents');
    if (empty) { empty.hidden = true; }
    var row = table.querySelector('tr[data-document-id="' + stored.id + '"]');
    if (!row) {
      row = document.createElement('tr');
      row.setAttribute('data-document-id', stored.id);
      table.tBodies[0].insertBefore(row, table.tBodies[0].firstChild);
    }
    while (row.firstChild) { row.removeChild(row.firstChild); }
    var version = stored.versions[stored.versions.length - 1];
    [stored.title, stored.classification,
      'v' + version.version + ' ' + version.fileName + ' (' + version.mediaType + ', ' + version.size + ' bytes)',
      stored.updatedAt, 'Reload the page for actions'].forEach(function (text) {
      var cell = document.createElement('td');
      cell.textContent = text;
      row.appendChild(cell);
    });
  }

  // Choosing a file only chooses it: the upload starts on submit (or on a drop), once the title and
  // classification are set, so one choice is one document.
  function enhance(form) {
    var input = form.querySelector('input[type="file"]');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (input.files.length > 0) { upload(form, input.files[0]); }
    });
  }

  var main = document.getElementById('upload-form');
  if (main) {
    enhance(main);
    ['dragenter', 'dragover'].forEach(function (name) {
      main.addEventListener(name, function (event) {
        event.preventDefault();
        main.classList.add('dragging');
      });
    });
    ['dragleave', 'drop'].forEach(function (name) {
      main.addEventListener(name, function () { main.classList.remove('dragging'); });
    });
    main.addEventListener('drop', function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length > 0) {
        upload(main, event.dataTransfer.files[0]);
      }
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll('form.new-version'), enhance);
}());
