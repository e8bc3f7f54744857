package chart

// Pieces the chart builders share.

// palette is ECharts 5's default colour list, so a whisker or a band can take its line's colour.
var palette = []string{"#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc"}

// whiskerJS is the renderItem of a custom series that draws one 95% interval per data item
// [x, low, high] or [x, low, high, dx]: a vertical line from low to high with short caps, moved dx pixels
// sideways (when given) so that the whiskers of several lines at the same x do not hide each other.
const whiskerJS = `function (params, api) {
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
}`
