// Static search (see src/site/search-index.ts for the files it reads). Shards are classic scripts that call
// window.hindsightSearch, so search works from file:// as well as from any static host.
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  if (!form) return;
  var input = form.querySelector('input[name="q"]');
  var list = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  var root = form.getAttribute('data-root') || '';
  var MAX_RESULTS = 20;
  var loaded = {};
  var waiting = {};
  var manifest = null;
  var shards = {};
  var chunks = {};

  function load(path) {
    if (loaded[path]) return loaded[path];
    loaded[path] = new Promise(function (resolve, reject) {
      waiting[path] = resolve;
      var script = document.createElement('script');
      script.src = root + path;
      script.onerror = function () {
        reject(new Error('Could not load ' + path));
      };
      document.head.appendChild(script);
    });
    return loaded[path];
  }

  window.hindsightSearch = {
    manifest: function (data) {
      manifest = data;
      done('search/index.js');
    },
    shard: function (n, terms) {
      shards[n] = terms;
      done('search/t/' + n + '.js');
    },
    docs: function (n, rows) {
      chunks[n] = rows;
      done('search/d/' + n + '.js');
    },
  };

  function done(path) {
    if (waiting[path]) waiting[path]();
  }

  // The same cut as searchWords() in src/site/search-index.ts.
  function words(text) {
    return text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(function (w) {
        return w.length >= 2 && w.length <= 32;
      });
  }

  // The same hash as shardOf() in src/site/search-index.ts: 32-bit FNV-1a over UTF-16 code units.
  function shardOf(term, count) {
    var hash = 0x811c9dc5;
    for (var i = 0; i < term.length; i++) {
      hash ^= term.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    return (hash >>> 0) % count;
  }

  function addScores(scores, postings, idf, prefix) {
    var doc = 0;
    for (var i = 0; i < postings.length; i += 2) {
      doc += postings[i];
      if (prefix === 'b' && manifest.deleted.indexOf(doc) !== -1) continue;
      var key = prefix + doc;
      scores[key] = (scores[key] || 0) + idf * postings[i + 1];
    }
  }

  function search(query) {
    var terms = words(query).filter(function (t, i, all) {
      return all.indexOf(t) === i;
    });
    if (terms.length === 0) return Promise.resolve([]);
    return load('search/index.js')
      .then(function () {
        terms = terms.filter(function (t) {
          return manifest.common.indexOf(t) === -1;
        });
        return Promise.all(
          terms.map(function (t) {
            return load('search/t/' + shardOf(t, manifest.shards) + '.js');
          }),
        );
      })
      .then(function () {
        if (terms.length === 0) return null;
        var total = manifest.docs + manifest.delta.docs.length;
        var scores = {};
        terms.forEach(function (t) {
          var base = shards[shardOf(t, manifest.shards)][t] || [];
          var delta = manifest.delta.postings[t] || [];
          var count = (base.length + delta.length) / 2;
          if (count === 0) return;
          var idf = Math.log(1 + (total - count + 0.5) / (count + 0.5));
          addScores(scores, base, idf, 'b');
          addScores(scores, delta, idf, 'd');
        });
        var top = Object.keys(scores)
          .sort(function (a, b) {
            return scores[b] - scores[a];
          })
          .slice(0, MAX_RESULTS);
        var needed = top
          .filter(function (key) {
            return key[0] === 'b';
          })
          .map(function (key) {
            return Math.floor(Number(key.slice(1)) / manifest.chunk);
          });
        return Promise.all(
          needed.map(function (n) {
            return load('search/d/' + n + '.js');
          }),
        ).then(function () {
          return top.map(function (key) {
            var n = Number(key.slice(1));
            return key[0] === 'd'
              ? manifest.delta.docs[n]
              : chunks[Math.floor(n / manifest.chunk)][n % manifest.chunk];
          });
        });
      });
  }

  function show(query, rows) {
    list.textContent = '';
    if (rows === null) {
      status.textContent =
        'Every word of “' + query + '” is in too many reviews to tell them apart; add a more specific word.';
      return;
    }
    rows.forEach(function (row) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = root + row[0];
      link.textContent = row[1];
      var heading = document.createElement('h2');
      heading.appendChild(link);
      var meta = document.createElement('span');
      meta.className = 'muted';
      meta.textContent = ' ' + (row[3] ? 'SEV' + row[3] : 'no severity') + ' · ' + (row[2] || 'undated');
      heading.appendChild(meta);
      var snippet = document.createElement('p');
      snippet.textContent = row[4];
      item.appendChild(heading);
      item.appendChild(snippet);
      list.appendChild(item);
    });
    status.textContent =
      rows.length === 0
        ? 'No review matches “' + query + '”.'
        : rows.length + (rows.length === MAX_RESULTS ? ' best' : '') + ' results for “' + query + '”.';
  }

  function run(query) {
    status.textContent = 'Searching…';
    search(query).then(
      function (rows) {
        show(query, rows);
      },
      function (error) {
        status.textContent = error.message;
      },
    );
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var query = input.value.trim();
    if (window.history && window.history.replaceState)
      window.history.replaceState(null, '', '?q=' + encodeURIComponent(query));
    run(query);
  });
  var initial = new URLSearchParams(window.location.search).get('q');
  if (initial) {
    input.value = initial;
    run(initial);
  }
})();
