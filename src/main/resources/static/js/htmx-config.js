// htmx's configuration for LexVault, set right after htmx loads and before it starts (DOMContentLoaded).
// It keeps the strict CSP (script-src 'self', style-src 'self') and keeps pages out of the browser's
// storage: no inline <style> for request indicators, no eval (hx-on, js: values), no <script> run from
// swapped content, requests to this origin only, and no snapshots of pages in localStorage (going back
// reloads from the server, which checks access again).
(function () {
  'use strict';
  if (!window.htmx) { return; }
  var config = window.htmx.config;
  config.includeIndicatorStyles = false;
  config.allowEval = false;
  config.allowScriptTags = false;
  config.selfRequestsOnly = true;
  config.historyCacheSize = 0;
  config.refreshOnHistoryMiss = true;
  // A refused form (400) comes back as the page with the reason: show it; other errors are not swapped.
  config.responseHandling = [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '400', swap: true },
    { code: '[45]..', swap: false, error: true }
  ];
}());
