// isnad report: the figures and events lists filtered and sorted in place, from the
// rows' data-* attributes. Without scripts every row is shown, in the ledger's order.
(function () {
  function wire(formId, tableId) {
    var form = document.getElementById(formId), table = document.getElementById(tableId);
    if (!form || !table) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var out = form.querySelector('output');
    function val(n) { var e = form.elements[n]; return e ? e.value.trim() : ''; }
    function run() {
      var kind = val('kind'), place = val('place'), date = val('date');
      var min = parseInt(val('min_sources'), 10) || 0, cont = val('contested'), sort = val('sort');
      var shown = 0;
      rows.forEach(function (r) {
        var d = r.dataset, ok = (!kind || d.kind === kind) && (!place || d.place === place) &&
          (!date || (d.date || '').indexOf(date) === 0) && (parseInt(d.sources, 10) || 0) >= min &&
          (!cont || (cont === 'yes') === (d.contested === '1'));
        r.hidden = !ok;
        if (ok) shown++;
      });
      var key = {claims: 'claims', best: 'best', date: 'date', title: 'title', sources: 'sources'}[sort];
      var sorted = rows.slice();
      if (key && key !== 'sources') {
        sorted.sort(function (a, b) {
          var x = a.dataset[key] || '', y = b.dataset[key] || '';
          if (key === 'claims' || key === 'best') return (parseFloat(y) || 0) - (parseFloat(x) || 0);
          return x < y ? -1 : x > y ? 1 : 0;
        });
      }
      sorted.forEach(function (r) { body.appendChild(r); });
      if (out) out.textContent = shown + ' / ' + rows.length;
    }
    form.addEventListener('submit', function (e) { e.preventDefault(); run(); });
    form.addEventListener('change', run);
    form.addEventListener('input', run);
  }
  wire('figure-filters', 'figures-table');
  wire('event-filters', 'events-table');
})();
