// The matter's "Ask" page: streams the answer from the API (server-sent events over fetch) and shows it
// as it arrives, as plain text; the final answer's HTML was sanitised by the server. Without this script
// the form posts to the page, which answers in full. Nothing is stored in the browser either.
(function () {
  'use strict';

  var form = document.getElementById('ask-form');
  if (!form || !window.fetch || !window.TextDecoder || !window.ReadableStream) { return; }
  var tokenMeta = document.querySelector('meta[name="_csrf"]');
  var headerMeta = document.querySelector('meta[name="_csrf_header"]');
  var section = document.getElementById('assistant-answer');
  var heading = document.getElementById('answer-heading');
  var stream = document.getElementById('assistant-stream');
  var problem = document.getElementById('assistant-stream-problem');
  var button = document.getElementById('ask-button');
  var saveForm = document.getElementById('save-form');

  function el(name, text, className) {
    var node = document.createElement(name);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function link(href, text) {
    var a = el('a', text);
    a.setAttribute('href', href);
    return a;
  }

  function show(answer) {
    var old = document.getElementById('answer-body');
    if (old) { old.parentNode.removeChild(old); }
    var body = el('div');
    body.id = 'answer-body';
    body.appendChild(el('p', answer.extractive
      ? 'Extracts chosen by the built-in offline answerer (no language model, nothing sent anywhere). ' + answer.policyRule
      : 'Answered by ' + answer.provider + ' · ' + answer.model + ' (region: ' + answer.region + ') ' + answer.policyRule, 'muted'));
    var html = el('div', null, 'assistant-html');
    html.id = 'answer-html';
    html.innerHTML = answer.html; // sanitised by the server's allow-list (no script, no image, https links only)
    body.appendChild(html);
    var disclaimer = el('p', answer.disclaimer, 'disclaimer');
    disclaimer.id = 'answer-disclaimer';
    body.appendChild(disclaimer);
    if (answer.unverifiedSentences > 0) {
      body.appendChild(el('p', answer.unverifiedSentences + ' sentence(s) could not be verified against the passages: they are marked.', 'warning'));
    }
    body.appendChild(el('h3', 'Passages'));
    var list = el('ol', null, 'citations');
    list.id = 'answer-citations';
    answer.citations.forEach(function (c) {
      var item = el('li');
      item.appendChild(link(c.passageLink, '[' + c.number + '] ' + c.documentTitle + (c.page !== null ? ', page ' + c.page : '')));
      if (c.headingPath) { item.appendChild(el('span', ' — ' + c.headingPath, 'muted')); }
      item.appendChild(document.createTextNode(c.cited ? (c.verified ? ' · cited, verified · ' : ' · cited, not verified · ') : ' · not cited · '));
      item.appendChild(link(c.documentLink, 'Open the document'));
      list.appendChild(item);
    });
    body.appendChild(list);
    if (answer.withheld.length > 0) {
      body.appendChild(el('h3', 'Withheld passages'));
      var withheld = el('ul');
      withheld.id = 'answer-withheld';
      answer.withheld.forEach(function (w) {
        withheld.appendChild(el('li', w.documentTitle + (w.page !== null ? ', page ' + w.page : '') + ': ' + w.reason));
      });
      body.appendChild(withheld);
    }
    section.appendChild(body);
    stream.hidden = true;
    if (saveForm) {
      document.getElementById('save-markdown').value = answer.markdown;
      document.getElementById('save-receipt').value = answer.receiptId || '';
      saveForm.hidden = !answer.receiptId;
    }
  }

  function fail(detail) {
    problem.textContent = detail || 'The assistant could not answer.';
    problem.hidden = false;
    stream.hidden = true;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var question = form.querySelector('textarea[name="question"]').value;
    var headers = { 'Accept': 'text/event-stream', 'Content-Type': 'application/json' };
    if (tokenMeta && headerMeta) { headers[headerMeta.content] = tokenMeta.content; }
    problem.hidden = true;
    var old = document.getElementById('answer-body');
    if (old) { old.parentNode.removeChild(old); }
    heading.classList.remove('visually-hidden');
    stream.textContent = '';
    stream.hidden = false;
    button.disabled = true;
    fetch(form.getAttribute('data-api'), {
      method: 'POST', headers: headers, body: JSON.stringify({ question: question }), credentials: 'same-origin'
    }).then(function (response) {
      if (!response.ok || (response.headers.get('Content-Type') || '').indexOf('text/event-stream') !== 0) {
        return response.json().then(function (p) { fail(p.detail); }, function () { fail(); });
      }
      var reader = response.body.getReader();
      var decoder = new TextDecoder();
      var buffer = '';
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) { return; }
          buffer += decoder.decode(chunk.value, { stream: true });
          var end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            var frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            var name = '', data = '';
            frame.split('\n').forEach(function (line) {
              if (line.indexOf('event: ') === 0) { name = line.slice(7); }
              if (line.indexOf('data: ') === 0) { data += line.slice(6); }
            });
            var value = JSON.parse(data);
            if (name === 'delta') { stream.textContent += value.text; }
            if (name === 'answer') { show(value); }
            if (name === 'error') { fail(value.detail); }
          }
          return pump();
        });
      }
      return pump();
    }).catch(function () { fail(); }).then(function () { button.disabled = false; });
  });
})();
