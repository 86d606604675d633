// Every page: after htmx swaps a part of the page (a party or team member added, a list filtered), the
// keyboard and screen-reader user is taken to what changed: its notice if it has one. Pages work the
// same without this script (and without htmx): their forms and links then load whole pages.
(function () {
  'use strict';
  document.addEventListener('htmx:afterSettle', function (event) {
    var part = event.detail && event.detail.target;
    if (!part || !part.querySelector) { return; }
    var notice = part.querySelector('.status, .error');
    if (notice) {
      notice.setAttribute('tabindex', '-1');
      notice.focus();
    }
  });
}());
