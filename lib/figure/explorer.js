// The Amdahl explorer's slider (see AmdahlExplorer): recomputes Amdahl's curve, its ceiling 1/s and
// Gustafson's scaled speedup for the slider's s, in the page. It runs as a chart.Script: it sees chart,
// slider, readout and params ({maxN}).
var input = slider('s');
var maxN = params.maxN, steps = Math.min(256, Math.ceil(maxN - 1));
function draw() {
  var s = parseFloat(input.value), a = [], g = [];
  if (!(s >= 0 && s <= 1)) { return; }
  for (var i = 0; i <= steps; i++) {
    var n = 1 + (maxN - 1) * i / steps;
    a.push([n, 1 / (s + (1 - s) / n)]);
    g.push([n, s + (1 - s) * n]);
  }
  var c = s > 0 && 1 / s <= 2 * maxN ? [[1, 1 / s], [maxN, 1 / s]] : [];
  chart.setOption({series: [{id: 'amdahl', data: a}, {id: 'ceiling', data: c}, {id: 'gustafson', data: g}]});
  readout.textContent = 's = ' + s.toFixed(3) + ' \u00b7 at N = ' + maxN + ': Amdahl ' + a[a.length - 1][1].toFixed(2) +
    '\u00d7 (ceiling 1/s = ' + (s > 0 ? (1 / s).toFixed(1) + '\u00d7' : '\u221e') + '), Gustafson ' + g[g.length - 1][1].toFixed(1) + '\u00d7';
}
if (input && readout) { input.addEventListener('input', draw); draw(); }
