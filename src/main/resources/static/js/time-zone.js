// The browser's time zone, for times shown in the reader's own zone. On the sign-in form it fills a
// hidden field (the first one becomes the account's zone); on the account page, while the account has
// none, it preselects the browser's zone in the picker and says so. Without script nothing breaks:
// times stay in UTC until a zone is chosen on the account page.
(function () {
  'use strict';
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone) { return; }
  document.querySelectorAll('input[data-browser-time-zone]').forEach(function (input) {
    input.value = zone;
  });
  document.querySelectorAll('select[data-suggest-browser-time-zone]').forEach(function (select) {
    var option = Array.prototype.find.call(select.options, function (o) { return o.value === zone; });
    if (!option) { return; }
    select.value = zone;
    var hint = document.getElementById(select.getAttribute('data-suggest-browser-time-zone'));
    if (hint) { hint.textContent = 'Suggested from this browser: ' + zone + '. Save to keep it.'; }
  });
})();
