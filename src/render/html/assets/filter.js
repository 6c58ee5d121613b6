// Home page filters: show the form (hidden without JavaScript) and hide rows that do not match.
(function () {
  'use strict';
  var form = document.getElementById('filters');
  if (!form) return;
  form.hidden = false;
  var selects = Array.prototype.slice.call(form.querySelectorAll('select[data-filter]'));
  var rows = Array.prototype.slice.call(document.querySelectorAll('.review-row'));
  var years = Array.prototype.slice.call(document.querySelectorAll('#review-list .year'));
  var count = document.getElementById('filter-count');
  var empty = document.getElementById('filter-empty');

  function matches(row) {
    return selects.every(function (select) {
      if (select.value === '') return true;
      var values = (row.getAttribute('data-' + select.name) || '').split('|');
      return values.indexOf(select.value) !== -1;
    });
  }

  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var ok = matches(row);
      row.hidden = !ok;
      if (ok) shown++;
    });
    years.forEach(function (year) {
      year.hidden = !year.querySelector('.review-row:not([hidden])');
    });
    var filtered = selects.some(function (select) {
      return select.value !== '';
    });
    count.textContent = filtered ? shown + ' of ' + rows.length + ' reviews' : '';
    empty.hidden = shown > 0;
  }

  selects.forEach(function (select) {
    select.addEventListener('change', apply);
  });
})();
