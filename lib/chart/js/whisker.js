// parlab.whisker draws one 95% interval per data item [x, low, high, dx] of a custom series: a vertical
// line from low to high with short caps, moved dx pixels sideways so that the whiskers of several
// series at one x do not hide each other. parlab.strip draws one trial [x, value, dx] as a small dot, or
// as a triangle at the top edge when it lies above the axis.
// parlab.barEnd draws, for a bar [category, low, high, value, hasInterval], its whisker (dark, across
// the bar's end) and its label just beyond the bar or the whisker, whichever reaches further; the label
// is parlab.data.labels[seriesId][category], the bars lie along x when parlab.data.horizontal. When
// parlab.data.slots gives the series a place among parlab.data.bars bars side by side, both move onto
// that bar, where ECharts' own bar layout (api.barLayout) puts it.
parlabChart.part(function (parlab, echarts) {
  parlab.whisker = function (params, api) {
    var x = api.value(0), lo = api.coord([x, api.value(1)]), hi = api.coord([x, api.value(2)]);
    var dx = Number(api.value(3));
    if (!isFinite(dx)) { dx = 0; }
    lo[0] += dx; hi[0] += dx;
    var style = {stroke: api.visual('color'), lineWidth: 1.5};
    return {type: 'group', children: [
      {type: 'line', shape: {x1: hi[0] - 5, y1: hi[1], x2: hi[0] + 5, y2: hi[1]}, style: style},
      {type: 'line', shape: {x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1]}, style: style},
      {type: 'line', shape: {x1: lo[0] - 5, y1: lo[1], x2: lo[0] + 5, y2: lo[1]}, style: style}
    ]};
  };
  parlab.barEnd = function (params, api) {
    var hor = parlab.data.horizontal, cat = api.value(0), iv = api.value(4) > 0;
    var at = function (v) { return hor ? api.coord([v, cat]) : api.coord([cat, v]); };
    var lo = at(api.value(1)), hi = at(api.value(2)), end = at(api.value(3));
    var h = Math.min(8, (hor ? api.size([0, 1])[1] : api.size([1, 0])[0]) * 0.2);
    var slot = (parlab.data.slots || {})[params.seriesId];
    if (slot != null && parlab.data.bars > 1 && api.barLayout) {
      var bar = (api.barLayout({count: parlab.data.bars, barMaxWidth: parlab.data.barMaxWidth}) || [])[slot];
      if (bar) {
        var k = hor ? 1 : 0;
        lo[k] += bar.offsetCenter; hi[k] += bar.offsetCenter; end[k] += bar.offsetCenter;
        h = Math.min(h, bar.width * 0.35);
      }
    }
    var style = {stroke: '#333', lineWidth: 1.5}, kids = [];
    if (iv) {
      var cap = function (p) {
        return hor ? {x1: p[0], y1: p[1] - h, x2: p[0], y2: p[1] + h} : {x1: p[0] - h, y1: p[1], x2: p[0] + h, y2: p[1]};
      };
      kids.push({type: 'line', shape: {x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1]}, style: style},
        {type: 'line', shape: cap(lo), style: style}, {type: 'line', shape: cap(hi), style: style});
    }
    var text = ((parlab.data.labels || {})[params.seriesId] || [])[cat];
    if (text) {
      var far = iv ? (hor ? Math.max(hi[0], end[0]) : Math.min(hi[1], end[1])) : (hor ? end[0] : end[1]);
      kids.push({type: 'text', x: hor ? far + 6 : end[0], y: hor ? end[1] : far - 4,
        style: {text: text, fill: '#222', font: '12px sans-serif', align: hor ? 'left' : 'center',
          verticalAlign: hor ? 'middle' : 'bottom'}});
    }
    return {type: 'group', children: kids};
  };
  parlab.strip = function (params, api) {
    var p = api.coord([api.value(0), api.value(1)]), cs = params.coordSys;
    var dx = Number(api.value(2));
    if (!isFinite(dx)) { dx = 0; }
    var x = p[0] + dx, style = {fill: api.visual('color'), opacity: 0.45};
    if (cs && p[1] < cs.y) {
      // Above the axis' end (the axis follows the medians, not one slow trial): a triangle at the edge.
      return {type: 'polygon', shape: {points: [[x - 3.5, cs.y + 6], [x + 3.5, cs.y + 6], [x, cs.y]]}, style: style};
    }
    return {type: 'circle', shape: {cx: x, cy: p[1], r: 2.2}, style: style};
  };
});
