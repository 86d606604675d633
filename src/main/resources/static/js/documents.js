// Document uploads on a matter's pages (its home and /matters/{id}/documents): several files at once,
// chosen or dropped anywhere on the page, each sent with XMLHttpRequest to the API so that its progress
// bar follows the bytes actually sent. A stored file's row is fetched from the server, rendered like the
// others (htmx swaps it in); a refused file shows why, in words, and its progress goes away. Without
// this script the forms post one file to the page's own upload handler and work all the same.
(function () {
  'use strict';

  var tokenMeta = document.querySelector('meta[name="_csrf"]');
  var headerMeta = document.querySelector('meta[name="_csrf_header"]');

  function problemOf(request) {
    var message = 'The upload failed (' + request.status + ').';
    if (request.status === 413) { message = 'The file is larger than LexVault accepts.'; }
    try {
      var problem = JSON.parse(request.responseText);
      if (problem.detail) { message = problem.detail; }
    } catch (ignored) { /* not JSON */ }
    return message;
  }

  // Sends one file; calls done() when it is over, whatever the outcome.
  function send(form, file, title, report, done) {
    var data = new FormData();
    // Fields first, the file last: the server reads the fields before it streams the file.
    Array.prototype.forEach.call(form.elements, function (element) {
      if (element.name && element.name !== 'file' && element.name !== '_csrf' && element.name !== 'title' &&
          element.value) {
        data.append(element.name, element.value);
      }
    });
    if (title) { data.append('title', title); }
    data.append('file', file, file.name);

    var request = new XMLHttpRequest();
    request.open('POST', form.getAttribute('data-upload-url'));
    if (tokenMeta && headerMeta) {
      request.setRequestHeader(headerMeta.content, tokenMeta.content);
    }
    request.setRequestHeader('Accept', 'application/json');
    report.start();
    request.upload.addEventListener('progress', function (event) {
      if (event.lengthComputable) { report.progress(Math.floor((event.loaded / event.total) * 100)); }
    });
    request.addEventListener('load', function () {
      if (request.status === 201) {
        var stored = JSON.parse(request.responseText);
        report.stored(stored);
        showRow(stored);
      } else {
        report.refused(problemOf(request));
      }
      done();
    });
    request.addEventListener('error', function () {
      report.refused('The upload was interrupted; nothing was kept. Try again.');
      done();
    });
    request.send(data);
  }

  // The main upload area: one line per file in its list, with its own progress and outcome. The form's
  // own progress bar and status summarise the latest file (older pages and tests read them).
  function mainReport(form, file) {
    var list = form.querySelector('.upload-list');
    var progress = form.querySelector('#upload-progress');
    var percent = form.querySelector('#upload-percent');
    var status = form.querySelector('#upload-status');
    var item = document.createElement('li');
    var name = document.createElement('span');
    name.textContent = file.name + ': ';
    var bar = document.createElement('progress');
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute('aria-label', 'Upload of ' + file.name);
    var outcome = document.createElement('span');
    item.appendChild(name);
    item.appendChild(bar);
    item.appendChild(outcome);
    if (list) { list.appendChild(item); }
    return {
      start: function () {
        progress.hidden = false;
        progress.value = 0;
        percent.textContent = '0%';
        status.className = '';
        status.textContent = 'Uploading ' + file.name + '…';
      },
      progress: function (done) {
        bar.value = done;
        progress.value = done;
        percent.textContent = done + '%';
      },
      stored: function (stored) {
        bar.value = 100;
        progress.value = 100;
        percent.textContent = '100%';
        if (bar.parentNode) { bar.parentNode.removeChild(bar); }
        outcome.textContent = 'stored as version ' + stored.currentVersion + '.';
        status.textContent = 'Stored ' + stored.title + ' as version ' + stored.currentVersion + '.';
      },
      refused: function (message) {
        // No progress is left behind a refusal: the bar goes, the reason stays, styled as an error.
        if (bar.parentNode) { bar.parentNode.removeChild(bar); }
        progress.hidden = true;
        progress.value = 0;
        percent.textContent = '';
        outcome.textContent = message;
        item.className = 'error-box';
        outcome.setAttribute('role', 'alert'); // on the text, not the list item (which stays a listitem)
        status.className = 'error-box';
        status.textContent = file.name + ': ' + message;
      }
    };
  }

  // A new-version form in a row: its own small progress bar and output.
  function rowReport(form, file) {
    var progress = form.querySelector('progress');
    var percent = form.querySelector('output');
    return {
      start: function () { progress.hidden = false; progress.value = 0; percent.textContent = '0%'; },
      progress: function (done) { progress.value = done; percent.textContent = done + '%'; },
      stored: function (stored) {
        progress.value = 100;
        percent.textContent = 'Stored as version ' + stored.currentVersion + '.';
      },
      refused: function (message) {
        progress.hidden = true;
        progress.value = 0;
        percent.className = 'error-box';
        percent.textContent = file.name + ': ' + message;
      }
    };
  }

  // The stored document's row, rendered by the server like the others (date, size, uploader, actions),
  // replaces its old row or goes on top. On the matter's home, the recent list gets its title.
  function showRow(stored) {
    var empty = document.getElementById('no-documents');
    if (empty) { empty.hidden = true; }
    var table = document.getElementById('documents');
    var main = document.getElementById('upload-form');
    var rowBase = main && main.getAttribute('data-row-url');
    if (table && rowBase && window.htmx) {
      var existing = table.querySelector('tr[data-document-id="' + stored.id + '"]');
      window.htmx.ajax('GET', rowBase + stored.id + '/row', existing
        ? { target: existing, swap: 'outerHTML' }
        : { target: table.tBodies[0], swap: 'afterbegin' });
      return;
    }
    var list = document.getElementById('recent-documents');
    if (!list && empty) {
      list = document.createElement('ul');
      list.id = 'recent-documents';
      empty.parentNode.insertBefore(list, empty.nextSibling);
    }
    if (list) {
      var item = document.createElement('li');
      item.textContent = stored.title; // text only: a title is never markup
      list.insertBefore(item, list.firstChild);
    }
  }

  // Files go up one after the other, so that progress is readable and the server is not flooded.
  function uploadAll(form, files) {
    if (form.getAttribute('data-uploading')) { return; }
    var input = form.querySelector('input[type="file"]');
    var titleInput = form.querySelector('input[name="title"]');
    // A typed title names a single file; several files keep their own names.
    var title = titleInput && files.length === 1 ? titleInput.value : '';
    var queue = Array.prototype.slice.call(files);
    form.setAttribute('data-uploading', 'yes');
    var list = form.querySelector('.upload-list');
    if (list) { while (list.firstChild) { list.removeChild(list.firstChild); } }
    function next() {
      var file = queue.shift();
      if (!file) {
        form.removeAttribute('data-uploading');
        if (input) { input.value = ''; } // stored: pressing Upload again does not store them twice
        if (titleInput) { titleInput.value = ''; } // the next upload starts with an empty title
        return;
      }
      var report = form.id === 'upload-form' ? mainReport(form, file) : rowReport(form, file);
      send(form, file, title, report, next);
    }
    next();
  }

  // Choosing files only chooses them: the upload starts on submit (or on a drop), once the title and
  // classification are set. Delegated, so rows added later work too.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form || !form.getAttribute || !form.getAttribute('data-upload-url')) { return; }
    event.preventDefault();
    var input = form.querySelector('input[type="file"]');
    if (input && input.files.length > 0) { uploadAll(form, input.files); }
  });

  var main = document.getElementById('upload-form');
  if (main) {
    var input = document.getElementById('upload-file');
    input.multiple = true; // several at once where the script sends them one by one
    var label = document.getElementById('upload-file-label');
    if (label) { label.textContent = 'Files'; }
    // The whole page takes dropped files, not only the upload area.
    var depth = 0;
    document.addEventListener('dragenter', function (event) {
      if (!event.dataTransfer || Array.prototype.indexOf.call(event.dataTransfer.types, 'Files') < 0) { return; }
      depth += 1;
      document.body.classList.add('dragging-files');
    });
    document.addEventListener('dragleave', function () {
      depth = Math.max(0, depth - 1);
      if (depth === 0) { document.body.classList.remove('dragging-files'); }
    });
    document.addEventListener('dragover', function (event) {
      if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, 'Files') >= 0) {
        event.preventDefault();
      }
    });
    document.addEventListener('drop', function (event) {
      depth = 0;
      document.body.classList.remove('dragging-files');
      if (!event.dataTransfer || event.dataTransfer.files.length === 0) { return; }
      event.preventDefault();
      // Dropped on a row's new-version form: a new version of that document; anywhere else: new documents.
      var target = event.target && event.target.closest ? event.target.closest('form.new-version') : null;
      if (target) {
        uploadAll(target, [event.dataTransfer.files[0]]);
      } else {
        uploadAll(main, event.dataTransfer.files);
      }
    });
  }
}());
