// "Sign in with a passkey": Spring Security's /login/webauthn.js does the WebAuthn exchange; this
// only hands it the CSRF header from the page and the button (no inline script: strict CSP).
(function () {
  'use strict';
  var button = document.getElementById('passkey-sign-in');
  if (!button || !window.setupLogin || !window.PublicKeyCredential) {
    if (button) { button.hidden = true; }
    return;
  }
  var headers = {};
  headers[document.querySelector('meta[name="_csrf_header"]').content] =
      document.querySelector('meta[name="_csrf"]').content;
  window.setupLogin(headers, '', button);
}());
