// The review editor: live preview and lint as you type, save with the etag you started from, and on a conflict
// show both versions and their differences so the author can merge. Talks to /api only.
(function () {
  'use strict';
  var form = document.getElementById('editor');
  if (!form) return;
  var textarea = document.getElementById('markdown');
  var preview = document.getElementById('preview');
  var diagnostics = document.getElementById('diagnostics');
  var status = document.getElementById('status');
  var state = document.getElementById('save-state');
  var conflict = document.getElementById('conflict');
  var id = form.getAttribute('data-id');
  var etag = form.getAttribute('data-etag');
  var theirs = null;
  var timer = null;

  function api(method, path, body, headers) {
    var all = { 'content-type': 'application/json', accept: 'application/json' };
    Object.keys(headers || {}).forEach(function (k) {
      all[k] = headers[k];
    });
    return fetch(path, {
      method: method,
      headers: all,
      body: JSON.stringify(body),
      credentials: 'same-origin',
    }).then(function (response) {
      if (response.status === 401) {
        window.location.href = '/login?next=' + encodeURIComponent(window.location.pathname);
        return new Promise(function () {});
      }
      return response.json().then(function (json) {
        return { status: response.status, json: json };
      });
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function showDiagnostics(list) {
    diagnostics.textContent = '';
    if (list.length === 0) {
      diagnostics.appendChild(element('p', 'muted', 'No problems found.'));
      return;
    }
    var ul = element('ul', 'lint-list');
    list.forEach(function (d) {
      var li = element('li', 'diag-' + d.severity);
      li.appendChild(element('span', 'lint-where', d.line + ':' + d.column));
      li.appendChild(document.createTextNode(' '));
      li.appendChild(element('strong', '', d.severity));
      li.appendChild(document.createTextNode(' ' + d.message + ' '));
      li.appendChild(element('code', '', d.rule));
      ul.appendChild(li);
    });
    diagnostics.appendChild(ul);
  }

  function refreshPreview() {
    api('POST', '/api/preview', { markdown: textarea.value, id: id }).then(function (r) {
      if (r.status !== 200) return;
      // The server renders with the same sanitising renderer as every page; this is its output, not user HTML.
      preview.innerHTML = r.json.html;
      showDiagnostics(r.json.diagnostics);
    });
  }

  textarea.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(refreshPreview, 250);
    state.textContent = 'Unsaved changes';
  });

  // The status select edits the front matter's status line in the text, so one save writes everything.
  status.addEventListener('change', function () {
    var text = textarea.value;
    var front = /^---\n([\s\S]*?)\n---/.exec(text);
    var line = 'status: ' + status.value;
    if (front && /^status\s*:.*$/m.test(front[1])) {
      text = '---\n' + front[1].replace(/^status\s*:.*$/m, line) + text.slice(front[0].length - 4);
    } else if (front) {
      text = '---\n' + front[1] + '\n' + line + text.slice(front[0].length - 4);
    } else {
      text = '---\n' + line + '\n---\n\n' + text;
    }
    textarea.value = text;
    textarea.dispatchEvent(new Event('input'));
  });

  function save(overEtag) {
    state.textContent = 'Saving…';
    api(
      'PUT',
      '/api/reviews/' + encodeURIComponent(id),
      { markdown: textarea.value },
      { 'if-match': '"' + overEtag + '"' },
    ).then(function (r) {
      if (r.status === 200) {
        etag = r.json.etag;
        form.setAttribute('data-etag', etag);
        conflict.hidden = true;
        state.textContent = 'Saved';
        return;
      }
      if (r.status === 409 && r.json.current) return showConflict(r.json.current);
      state.textContent = 'Not saved: ' + (r.json.detail || r.json.title || 'error ' + r.status);
      if (r.json.code === 'review-deleted' || r.json.code === 'review-not-found') offerSaveAsNew();
    });
  }

  // The file went away while it was open (deleted on disk, or renamed): the text in the editor is all there is.
  var saveAsNew = null;
  function offerSaveAsNew() {
    state.textContent =
      'Not saved: the file of this review is gone (deleted or renamed on disk). Your text is still here.';
    if (saveAsNew) return;
    saveAsNew = element('button', '', 'Save as a new review');
    saveAsNew.type = 'button';
    state.parentNode.insertBefore(saveAsNew, state);
    saveAsNew.addEventListener('click', function () {
      state.textContent = 'Saving…';
      api('POST', '/api/reviews', { markdown: textarea.value }).then(function (r) {
        if (r.status === 201) {
          window.location.href = '/reviews/' + encodeURIComponent(r.json.id) + '/edit';
          return;
        }
        state.textContent = 'Not saved: ' + (r.json.detail || r.json.title || 'error ' + r.status);
      });
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    save(etag);
  });

  // Line differences (longest common subsequence), enough for review-sized files.
  function diff(a, b) {
    var n = a.length;
    var m = b.length;
    var table = [];
    for (var i = 0; i <= n; i++) table.push(new Array(m + 1).fill(0));
    for (i = n - 1; i >= 0; i--)
      for (var j = m - 1; j >= 0; j--)
        table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    var out = [];
    i = 0;
    j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[i] === b[j]) {
        out.push([' ', a[i]]);
        i++;
        j++;
      } else if (j < m && (i === n || table[i][j + 1] >= table[i + 1][j])) {
        out.push(['+', b[j++]]);
      } else {
        out.push(['-', a[i++]]);
      }
    }
    return out;
  }

  function showConflict(current) {
    theirs = current;
    conflict.hidden = false;
    document.getElementById('theirs').textContent = current.markdown;
    document.getElementById('yours').textContent = textarea.value;
    var list = document.getElementById('merge-diff');
    list.textContent = '';
    diff(current.markdown.split('\n'), textarea.value.split('\n')).forEach(function (entry) {
      if (entry[0] === ' ') return;
      var li = element('li', entry[0] === '+' ? 'added' : 'removed', entry[0] + ' ' + entry[1]);
      list.appendChild(li);
    });
    state.textContent = 'Not saved: the file changed on disk.';
    conflict.scrollIntoView();
  }

  document.getElementById('save-merged').addEventListener('click', function () {
    if (theirs) save(theirs.etag);
  });
  document.getElementById('take-theirs').addEventListener('click', function () {
    if (!theirs) return;
    textarea.value = theirs.markdown;
    etag = theirs.etag;
    conflict.hidden = true;
    refreshPreview();
    state.textContent = 'Loaded the version on disk';
  });
})();
