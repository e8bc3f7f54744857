// parlab.gantt draws the bars of a Gantt chart (render, a custom series' renderItem), writes their
// tooltips (tip) and the zoom's labels (time). It reads the tables in parlab.data (written by gantt.go):
//   unit    the time axis' unit;  kinds  [{name, fill, count}];  series  [[panel, kind]] per series
//   panels  [{tasks, colours, reasons, places, peak}]: peak[kind] is the largest count of a count kind
// A bar is [row, start, end, task, reason, n, busy]: task and reason index the panel's tables (-1 none);
// n is the place (bars of a task), the count (count kinds) or the segments merged; busy in [0, 1].
parlabChart.part(function (parlab, echarts) {
  parlab.gantt = (function () {
    var D = parlab.data, G = echarts.graphic, hatch = null;
    function hatchFill() {
      if (hatch !== null) { return hatch; }
      hatch = '#d0d0d0';
      try {
        var c = document.createElement('canvas'); c.width = 8; c.height = 8;
        var x = c.getContext('2d'); x.fillStyle = '#f2f2f2'; x.fillRect(0, 0, 8, 8);
        x.strokeStyle = '#8a8a8a'; x.lineWidth = 1.5; x.beginPath();
        x.moveTo(-2, 10); x.lineTo(10, -2); x.moveTo(-2, 2); x.lineTo(2, -2); x.moveTo(6, 10); x.lineTo(10, 6); x.stroke();
        hatch = {image: c, repeat: 'repeat'};
      } catch (e) { /* no canvas: plain grey */ }
      return hatch;
    }
    function fmt(v) { return (Math.abs(v) >= 100 ? v.toFixed(1) : v.toPrecision(3)) + ' ' + D.unit; }
    function counting(k) { return k.fill === 'count' || k.fill === 'countHatched'; }
    function render(params, api) {
      var sk = D.series[params.seriesIndex], p = D.panels[sk[0]], k = D.kinds[sk[1]];
      var row = api.value(0), a = api.coord([api.value(1), row]), b = api.coord([api.value(2), row]);
      var h = api.size([0, 1])[1] * (counting(k) ? 0.5 : 0.7);
      var cs = params.coordSys;
      var r = G.clipRectByRect({x: a[0], y: a[1] - h / 2, width: Math.max(b[0] - a[0], 1), height: h},
        {x: cs.x, y: cs.y, width: cs.width, height: cs.height});
      if (!r) { return; }
      var t = api.value(3), c = t < 0 ? '#888888' : p.colours[t], peak = p.peak[sk[1]] || 1, n = api.value(5), s;
      switch (k.fill) {
        case 'solid': s = {fill: c}; break;
        case 'faded': s = {fill: c, opacity: 0.55, stroke: c, lineDash: [3, 2], lineWidth: 1}; break;
        case 'pale': s = {fill: c, opacity: 0.3}; break;
        case 'hatched': s = {fill: hatchFill(), stroke: c, lineWidth: 1}; break;
        case 'count': s = {fill: '#7f93c9', opacity: Math.min(1, 0.2 + 0.8 * n / peak)}; break;
        case 'countHatched': s = {fill: hatchFill(), opacity: Math.min(1, 0.35 + 0.65 * n / peak), stroke: '#8a8a8a', lineWidth: 0.5}; break;
        default: s = {fill: '#777777', opacity: 0.25 + 0.75 * api.value(6)};
      }
      return {type: 'rect', shape: r, style: s};
    }
    function tip(q) {
      var sk = D.series[q.seriesIndex], p = D.panels[sk[0]], k = D.kinds[sk[1]], v = q.value;
      var enc = echarts.format.encodeHTML, out;
      if (counting(k)) {
        out = '<b>' + v[5] + (v[5] === 1 ? ' task' : ' tasks') + '</b> ' + enc(k.count);
      } else if (k.fill === 'merged') {
        out = '<b>' + v[5] + ' short segments</b> merged<br/>busy ' + Math.round(100 * v[6]) + '% of this block';
      } else {
        var why = v[4] >= 0 ? p.reasons[v[4]] : '';
        out = q.marker + '<b>' + enc(p.tasks[v[3]]) + '</b><br/>' + enc(k.name) + (why ? ': ' + enc(why) : '');
        if (v[5] >= 0 && v[5] < p.places.length) { out += ' on ' + enc(p.places[v[5]]); }
      }
      return out + '<br/>from ' + fmt(v[1]) + ' for ' + fmt(v[2] - v[1]);
    }
    return {render: render, tip: tip, time: fmt};
  })();
});
