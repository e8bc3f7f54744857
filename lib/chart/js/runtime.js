// parlab's chart runtime: sent to the page once per kernel with ECharts (see library.go), so each figure
// carries only its option and data. A figure's script calls
//
//   var parlab = parlabChart.helpers(data);   // data: the figure's tables; helpers bound to them
//   parlabChart.draw(id, option, script, params);
//
// and its option names helpers as parlab.whisker, parlab.tip.item, … The helpers are added by the other
// files of js/, each through parlabChart.part.
window.parlabChart = (function () {
  var parts = [];
  return {
    version: '{{version}}',
    part: function (add) { parts.push(add); },
    helpers: function (data) {
      var p = {data: data || {}};
      parts.forEach(function (add) { add(p, window.echarts); });
      return p;
    },
    // draw draws option in the figure whose outer element has this id, then runs script (a figure's
    // Script) as script(chart, root, slider, readout, params).
    draw: function (id, option, script, params) {
      var root = document.getElementById(id);
      if (!root) { return; }
      var box = root.querySelector('.parlab-chart'), note = root.querySelector('.parlab-noscript');
      if (note) { note.parentNode.removeChild(note); }
      var chart = window.echarts.init(box, null, {renderer: 'canvas'});
      chart.setOption(option);
      if (typeof ResizeObserver === 'function') {
        new ResizeObserver(function () { chart.resize(); }).observe(box);
      }
      if (script) {
        script(chart, root, function (name) { return document.getElementById(id + '-' + name); },
          root.querySelector('.parlab-readout'), params);
      }
    }
  };
})();
