(function () {
  // parlab chart loader: draws one figure. Placeholders are filled by lib/chart (display.go).
  var id = "{{id}}";
  var root = document.getElementById(id);
  if (!root) { return; }
  var box = root.querySelector(".parlab-chart");
  var note = root.querySelector(".parlab-noscript");
  var echarts = window.echarts;
  if (!echarts || typeof echarts.init !== "function") {
    note.textContent = "This chart could not be drawn: ECharts is not loaded on this page. " +
      "Run the notebook from its first cell (Kernel \u2192 Restart & Run All).";
    return;
  }
  if (note) { note.parentNode.removeChild(note); }
  var option = ({{option}});
  var chart = echarts.init(box, null, { renderer: "canvas" });
  chart.setOption(option);
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(function () { chart.resize(); }).observe(box);
  }
  {{script}}
})();
