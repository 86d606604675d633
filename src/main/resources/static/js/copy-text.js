// Copy, download and print for secrets shown once (backup codes, a new API key). Each button names
// the element whose text it takes (data-copy, data-download); the text stays on the page as plain,
// selectable text, so without script it can still be copied by hand or printed by the browser.
(function () {
  'use strict';
  function textOf(id) {
    var element = document.getElementById(id);
    return element ? element.innerText.trim() : '';
  }
  function say(button, message) {
    var status = document.getElementById(button.getAttribute('data-status') || '');
    if (status) { status.textContent = message; }
  }
  document.querySelectorAll('[data-copy]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      var text = textOf(button.getAttribute('data-copy'));
      if (!navigator.clipboard) { say(button, 'Copying is not available here: select the text and copy it.'); return; }
      navigator.clipboard.writeText(text).then(
        function () { say(button, 'Copied.'); },
        function () { say(button, 'Could not copy: select the text and copy it.'); });
    });
  });
  document.querySelectorAll('[data-download]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      var blob = new Blob([textOf(button.getAttribute('data-download')) + '\n'], { type: 'text/plain' });
      var link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = button.getAttribute('data-file-name') || 'lexvault.txt';
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
      say(button, 'Downloaded.');
    });
  });
  document.querySelectorAll('[data-print]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  });
})();
