#pragma once
// The only script of report.html: clicking a header of a table marked data-sortable sorts its
// rows by that column (clicking again reverses). The page is complete without it: rows come
// already ordered (by sample size for the securities, by date for the dates) and the ordered
// column is marked with aria-sort, which the style shows as an arrow. Inline, no library,
// nothing fetched; works from a file:// URL. When it has wired a table it adds the class
// `sorting-ready`, which the style uses to show the headers as clickable (and tests look for).
//
// Numeric columns (th data-type="number") sort by each cell's data-v (the exact value; empty
// for a missing one, which goes last either way), starting from the largest; text columns sort
// by their text with digits compared as numbers (security 9 before 10), starting from A.

namespace mdp::consolidate {

inline constexpr const char* kTableSortScript = R"(
(function () {
  function key(row, index, numeric) {
    var cell = row.cells[index];
    if (!numeric) return cell.textContent.trim();
    var v = cell.getAttribute('data-v');
    return v === null || v === '' ? NaN : Number(v);
  }
  function sortBy(table, header) {
    var numeric = header.getAttribute('data-type') === 'number';
    var current = header.getAttribute('aria-sort');
    var ascending = current ? current === 'descending' : !numeric;
    var index = header.cellIndex;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, index, numeric), y = key(b, index, numeric);
      if (numeric && (isNaN(x) || isNaN(y))) return isNaN(x) - isNaN(y);
      var order = numeric ? x - y : x.localeCompare(y, undefined, {numeric: true});
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.removeAttribute('aria-sort');
    });
    header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
  }
  Array.prototype.forEach.call(document.querySelectorAll('table[data-sortable]'), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header) {
      header.tabIndex = 0;
      header.addEventListener('click', function () { sortBy(table, header); });
      header.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          sortBy(table, header);
        }
      });
    });
    table.classList.add('sorting-ready');
  });
})();
)";

}  // namespace mdp::consolidate
