// Evaluates the scripts of a page from chart.WritePage in node (parlab's runtime and the figure's
// script; not ECharts itself), with a stub page and a stub ECharts that records the option. Then it calls every custom series' renderItem on each of its first
// items, and the tooltip formatter on the first item of every series, and prints what it saw as JSON.
var fs = require('fs');
// An exception is reported as an error of the figure, by its message (a stack through echarts.min.js
// would be one line of megabytes).
process.on('uncaughtException', function (e) {
  // writeSync: process.stdout.write to a pipe is asynchronous, and exit would cut it at 64 KiB.
  fs.writeSync(1, JSON.stringify({errors: ['exception: ' + (e && e.message) + ' at ' +
    String(e && e.stack).split('\n').slice(1, 3).join(' ').slice(0, 300)]}));
  process.exit(0);
});
var script = fs.readFileSync(process.argv[2], 'utf8');
var out = {option: null, rendered: 0, tips: [], readout: '', errors: []};
function el(extra) {
  var e = {textContent: '', style: {}, parentNode: {removeChild: function () {}},
    addEventListener: function (name, f) { e.listener = f; }};
  for (var k in extra) { e[k] = extra[k]; }
  return e;
}
var note = el(), box = el(), readout = el(), inputs = {};
var root = el({querySelector: function (sel) {
  return sel === '.parlab-noscript' ? note : sel === '.parlab-readout' ? readout : box;
}});
var document = {getElementById: function (id) {
  if (/^parlab-[0-9a-f]{16}$/.test(id)) { return root; }
  var name = id.replace(/^parlab-[0-9a-f]{16}-/, '');
  inputs[name] = inputs[name] || el({value: process.env.SLIDER || '0.1'});
  return inputs[name];
}};
function encodeHTML(s) { return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'); }
var instance = {setOption: function (o) { if (!out.option) { out.option = o; } else { out.update = o; } }, resize: function () {}};
var window = globalThis;
window.document = document;
window.echarts = {init: function () { return instance; }, graphic: {clipRectByRect: function (a) { return a; }},
  format: {encodeHTML: encodeHTML}};
// With ECHARTS set (the path of echarts.min.js), draw with ECharts itself, server-side, to SVG.
var real = process.env.ECHARTS ? require(process.env.ECHARTS) : null;
if (real) {
  window.echarts = real;
  delete window.document; // with a document ECharts would measure text on a canvas from it
}
var scripts = script.split('<script type="text/javascript">').slice(1).map(function (s) { return s.split('</script>')[0]; });
scripts.filter(function (s) { return s.indexOf('function (define, exports, module)') < 0; }).forEach(function (s, i) {
  eval(s);
  if (real && i === 0) {
    window.parlabChart.draw = function (id, option) {
      var c = real.init(null, null, {renderer: 'svg', ssr: true, width: 900, height: Number(process.env.HEIGHT)});
      c.setOption(option);
      out.svg = c.renderToSVGString();
      out.option = option;
      c.dispose();
    };
  }
});
if (real) {
  fs.writeSync(1, JSON.stringify({svg: out.svg, errors: out.errors})); // an SVG can pass 64 KiB: see above
  process.exit(0);
}
if (!out.option) { throw new Error('the script set no option; the note says: ' + note.textContent); }
var o = out.option;
var datasets = [].concat(o.dataset || []);
(o.series || []).forEach(function (s, i) {
  var rows = s.data || (datasets[s.datasetIndex || 0] || {}).source || [];
  rows.slice(0, 3).forEach(function (d) {
    var v = Array.isArray(d) ? d : d.value;
    var params = {seriesIndex: i, seriesId: s.id, seriesName: s.name, coordSys: {x: 0, y: 0, width: 1e9, height: 1e9}};
    if (typeof s.renderItem === 'function') {
      var api = {value: function (k) { return v[k]; }, coord: function (p) { return [p[0] * 10, p[1] * 20]; },
        size: function () { return [10, 20]; }, visual: function () { return '#000'; }};
      var r = s.renderItem(params, api);
      if (!r || !r.type) { out.errors.push('series ' + i + ' (' + s.name + ') drew ' + JSON.stringify(r)); }
      out.rendered++;
    }
  });
  var d = rows[0];
  var vf = o.tooltip && o.tooltip.valueFormatter;
  if (d !== undefined && typeof vf === 'function' && !s.silent) {
    out.tips.push(vf(Array.isArray(d) ? d[1] : (d && d.value !== undefined ? d.value : d)));
  }
  var f = (s.tooltip && s.tooltip.formatter) || (o.tooltip && o.tooltip.formatter);
  if (d !== undefined && typeof f === 'function' && !s.silent) {
    var v = Array.isArray(d) ? d : d.value;
    var p = {value: v, data: d, seriesIndex: i, seriesName: s.name, seriesType: s.type, marker: '', axisValue: v[0], name: ''};
    out.tips.push(o.tooltip.trigger === 'axis' ? f([p]) : f(p));
  }
});
(o.dataZoom || []).forEach(function (z) {
  if (typeof z.labelFormatter === 'function') { out.tips.push(z.labelFormatter(1.5)); }
});
for (var k in inputs) { if (inputs[k].listener) { inputs[k].listener(); } }
out.readout = readout.textContent;
process.stdout.write(JSON.stringify(out, function (k, v) { return typeof v === 'function' ? 'function' : v; }));
