// Keyboard: "/" takes the reader to the search box (the search page's own, else the header's), as in
// most search tools; on the results, the arrow keys (or j and k) move between the documents found and
// Enter opens the one in focus. Keys typed into a field are left alone.
(function () {
  'use strict';
  function typing(target) {
    if (!target || !target.tagName) { return false; }
    var tag = target.tagName.toLowerCase();
    return tag === 'input' || tag === 'textarea' || tag === 'select' || target.isContentEditable;
  }
  document.addEventListener('keydown', function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) { return; }
    if (event.key === '/') {
      var box = document.getElementById('search-q') || document.getElementById('site-search-q');
      if (box) {
        event.preventDefault();
        box.focus();
        box.select();
      }
      return;
    }
    var forward = event.key === 'ArrowDown' || event.key === 'j';
    var back = event.key === 'ArrowUp' || event.key === 'k';
    if (!forward && !back) { return; }
    var links = Array.prototype.slice.call(document.querySelectorAll('#search-results .result-link'));
    if (links.length === 0) { return; }
    var at = links.indexOf(document.activeElement);
    var next = at < 0 ? (forward ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, at + (forward ? 1 : -1)));
    event.preventDefault();
    links[next].focus();
    links[next].scrollIntoView({ block: 'nearest' });
  });
}());
