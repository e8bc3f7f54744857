// Tooltips. A measured point's data item carries its tooltip text in name, written (and escaped) in Go;
// curves carry [x, y], formatted here with the units in parlab.data.units (one per series: [x, y]).
parlabChart.part(function (parlab, echarts) {
  parlab.tip = {};
  parlab.tip.num = function (v) {
    return Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : Number(v.toPrecision(3)).toString();
  };
  parlab.tip.unit = function (u) {
    return !u ? '' : (u.charAt(0) === '\u00d7' || u.charAt(0) === '%' ? u : ' ' + u);
  };
  // value formats a value with the figure's unit (parlab.data.unit): an axis tooltip's valueFormatter.
  parlab.tip.value = function (v) {
    return typeof v === 'number' ? parlab.tip.num(v) + parlab.tip.unit(parlab.data.unit) : String(v);
  };
  // cell labels a heat map's cell with its value (p.value is [x, y, value]).
  parlab.tip.cell = function (p) { return parlab.tip.num(p.value[2]); };
  // tree writes a tree map rectangle's path, value and share of the whole (parlab.data.total).
  parlab.tip.tree = function (p) {
    var path = (p.treePathInfo || []).slice(1).map(function (n) { return echarts.format.encodeHTML(n.name); });
    var share = parlab.data.total > 0 ? ' (' + (100 * p.value / parlab.data.total).toFixed(1) + '% of all)' : '';
    return (path.join(' \u203a ') || echarts.format.encodeHTML(p.name)) + '<br/><b>' + parlab.tip.num(p.value) +
      parlab.tip.unit(parlab.data.unit) + '</b>' + share;
  };
  parlab.tip.item = function (p) {
    var d = p.data;
    if (!d || !d.name) { return echarts.format.encodeHTML(p.seriesName); }
    return p.marker + echarts.format.encodeHTML(p.seriesName) + '<br/>' + d.name;
  };
  parlab.tip.axis = function (ps) {
    if (!ps || !ps.length) { return ''; }
    var f = parlab.tip.num, units = parlab.data.units || [], x0 = ps[0].axisValue, seen = {};
    var u0 = units[ps[0].seriesIndex] || ['', ''];
    var out = [f(x0) + parlab.tip.unit(u0[0])];
    ps.forEach(function (p) {
      if (p.seriesType === 'custom' || seen[p.seriesName]) { return; }
      var d = p.data, v = Array.isArray(d) ? d : (d && d.value);
      if (!v) { return; }
      seen[p.seriesName] = true;
      var name = p.marker + echarts.format.encodeHTML(p.seriesName);
      if (d && d.name) { out.push(name + ': ' + d.name.split('<br/>').slice(0, 2).join(', ')); return; }
      var u = units[p.seriesIndex] || ['', ''];
      var s = name + ': <b>' + f(v[1]) + parlab.tip.unit(u[1]) + '</b>';
      if (Math.abs(v[0] - x0) > 1e-9) { s += ' at ' + f(v[0]) + parlab.tip.unit(u[0]); }
      out.push(s);
    });
    return out.join('<br/>');
  };
});
