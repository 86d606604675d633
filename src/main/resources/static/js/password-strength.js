// Strength meter for new-password fields: asks the server (zxcvbn, the same check the policy uses)
// a moment after the user stops typing. The candidate travels in a POST body with the form's CSRF
// token, never in a URL.
(function () {
  'use strict';
  document.querySelectorAll('input[data-strength-url]').forEach(function (input) {
    var output = document.getElementById(input.getAttribute('aria-describedby'));
    var form = input.form;
    var timer = null;
    var latest = 0;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      if (input.value.length === 0) { output.textContent = ''; return; }
      timer = setTimeout(function () {
        var asked = ++latest;
        var body = new URLSearchParams();
        body.set('password', input.value);
        var csrf = form.querySelector('input[name="_csrf"]');
        if (csrf) { body.set('_csrf', csrf.value); }
        // On sign-up, the address and firm name typed on the same form count against the password.
        ['email', 'firm'].forEach(function (name) {
          var field = form.querySelector('input[name="' + name + '"]');
          if (field) { body.set(name, field.value); }
        });
        fetch(input.getAttribute('data-strength-url'), {
          method: 'POST', body: body, credentials: 'same-origin', headers: { 'Accept': 'application/json' }
        }).then(function (response) { return response.ok ? response.json() : null; })
          .then(function (rating) {
            if (!rating || asked !== latest) { return; }
            var text = 'Strength: ' + rating.label + '.';
            if (rating.problems.length) { text += ' ' + rating.problems.join(' '); }
            else if (rating.suggestions.length) { text += ' ' + rating.suggestions.join(' '); }
            output.textContent = text;
            output.className = 'strength strength-' + rating.score;
          })
          .catch(function () { output.textContent = ''; });
      }, 300);
    });
  });
}());
