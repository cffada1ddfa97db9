// The script of the HTML report. It holds no less-than sign and no ampersand, so the page stays well-formed XML.
(function () {
  'use strict';
  var findings = Array.prototype.slice.call(document.querySelectorAll('.finding'));
  var filters = Array.prototype.slice.call(document.querySelectorAll('select[data-filter]'));
  var shown = document.getElementById('shown-count');
  var status = document.getElementById('selection-status');
  var diagram = document.getElementById('diagram');

  function words(element, name) {
    var value = element.getAttribute('data-' + name);
    return value ? value.split(' ') : [];
  }

  function matches(finding) {
    return filters.every(function (select) {
      return select.value === '' || words(finding, select.getAttribute('data-filter')).indexOf(select.value) >= 0;
    });
  }

  function applyFilters() {
    var count = 0;
    findings.forEach(function (finding) {
      var visible = matches(finding);
      finding.hidden = !visible;
      if (visible) { count++; }
    });
    shown.textContent = String(count);
  }

  function clearSelection() {
    Array.prototype.slice.call(document.querySelectorAll('.tm-hl')).forEach(function (node) { node.classList.remove('tm-hl'); });
    findings.forEach(function (finding) { finding.classList.remove('selected'); });
    if (diagram) { diagram.classList.remove('focused'); }
    status.textContent = 'Select a finding to show its evidence routes in red.';
  }

  function select(finding) {
    clearSelection();
    finding.classList.add('selected');
    if (diagram) { diagram.classList.add('focused'); }
    var drawn = 0;
    words(finding, 'flows').concat(words(finding, 'nodes')).forEach(function (id) {
      var node = document.getElementById(id);
      if (node) { node.classList.add('tm-hl'); drawn++; }
    });
    var title = finding.querySelector('.title').textContent;
    status.textContent = drawn > 0 ? 'Evidence of: ' + title : 'Evidence of: ' + title + ' (not in the drawn part of the diagram)';
  }

  filters.forEach(function (select) { select.addEventListener('change', applyFilters); });
  findings.forEach(function (finding) {
    var button = finding.querySelector('button.show');
    if (button) {
      button.addEventListener('click', function () {
        if (finding.classList.contains('selected')) { clearSelection(); } else { select(finding); }
      });
    }
  });
  var clear = document.getElementById('clear-selection');
  if (clear) { clear.addEventListener('click', clearSelection); }
  applyFilters();
  clearSelection();
}());
