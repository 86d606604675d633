// Adds a passkey to the signed-in user's account: ask LexVault for options, let the browser and the
// authenticator make a key pair (the private key never leaves the device), send LexVault the public
// key. Binary fields travel as base64url.
(function () {
  'use strict';
  var button = document.getElementById('passkey-add');
  var status = document.getElementById('passkey-status');
  if (!button) { return; }
  if (!window.PublicKeyCredential) {
    button.disabled = true;
    status.textContent = 'This browser does not support passkeys.';
    return;
  }
  var csrf = {};
  csrf[document.querySelector('meta[name="_csrf_header"]').content] =
      document.querySelector('meta[name="_csrf"]').content;

  function encode(buffer) {
    var bytes = new Uint8Array(buffer), text = '';
    for (var i = 0; i < bytes.length; i++) { text += String.fromCharCode(bytes[i]); }
    return btoa(text).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  }
  function decode(text) {
    var binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    return bytes.buffer;
  }
  function post(url, body) {
    var headers = Object.assign({ 'Content-Type': 'application/json' }, csrf);
    return fetch(url, { method: 'POST', headers: headers, credentials: 'same-origin',
                        body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (response) {
        if (response.status === 403 && response.headers.get('X-LexVault-Confirm')) {
          // The last proof of identity is too old: confirm, then come back here.
          window.location.href = response.headers.get('X-LexVault-Confirm') + '?next=/account/two-factor';
          throw new Error('please confirm it is you first');
        }
        if (!response.ok) { throw new Error('LexVault answered ' + response.status); }
        return response.json();
      });
  }

  button.addEventListener('click', function () {
    var label = document.getElementById('passkey-label').value.trim();
    if (!label) { status.textContent = 'Give the passkey a name first, e.g. "Work laptop".'; return; }
    status.textContent = 'Follow your browser\'s prompt…';
    post('/webauthn/register/options').then(function (options) {
      options.challenge = decode(options.challenge);
      options.user.id = decode(options.user.id);
      options.excludeCredentials = (options.excludeCredentials || []).map(function (c) {
        return Object.assign({}, c, { id: decode(c.id) });
      });
      return navigator.credentials.create({ publicKey: options });
    }).then(function (credential) {
      return post('/webauthn/register', { publicKey: { label: label, credential: {
        id: credential.id,
        rawId: encode(credential.rawId),
        type: credential.type,
        response: {
          attestationObject: encode(credential.response.attestationObject),
          clientDataJSON: encode(credential.response.clientDataJSON),
          transports: credential.response.getTransports ? credential.response.getTransports() : []
        },
        clientExtensionResults: credential.getClientExtensionResults(),
        authenticatorAttachment: credential.authenticatorAttachment
      } } });
    }).then(function (result) {
      if (!result.success) { throw new Error('the passkey was not accepted'); }
      window.location.reload();
    }).catch(function (error) {
      status.textContent = 'No passkey was added: ' + error.message;
    });
  });
}());
