/* Draws each indicator chart from the JSON embedded beside its canvas (no request is made for data).
   One line per city; hollow diamonds are earlier figures a later report states in its text, triangles
   figures implied by a stated change. Clicking a point opens the sentence it was read from. */
(function () {
  "use strict";
  var PALETTE = ["#1f5fa8", "#c0392b", "#2e8b57", "#7d3c98", "#d35400", "#6d4c41", "#c2185b", "#00838f", "#555555", "#9e9d24"];

  function color(i) { return PALETTE[i % PALETTE.length]; }

  function axisNumber(v) {
    var a = Math.abs(v);
    if (a >= 1e8) { return +(v / 1e8).toFixed(4) + "亿"; }
    if (a >= 1e4) { return +(v / 1e4).toFixed(4) + "万"; }
    return String(+v.toFixed(4));
  }

  // A report's own figure names its row of the table of values ("r"): its tooltip is that row's value
  // (and period), and a click follows that row's link to the sentence. Other points carry "t" and "h".
  function resolve(p, root) {
    if (p.r === undefined) { return { x: p.x, y: p.y, t: p.t, url: root + p.h }; }
    var row = document.getElementById("v" + p.r);
    var link = row ? row.querySelector("a.value") : null;
    var period = row ? row.querySelector(".period") : null;
    return {
      x: p.x, y: p.y,
      t: (link ? link.textContent : "") + (period ? "（" + period.textContent + "）" : ""),
      url: link ? link.getAttribute("href") : ""
    };
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    var spec = JSON.parse(source.textContent);
    var root = canvas.getAttribute("data-root") || "";
    var datasets = spec.datasets.map(function (d) {
      var c = color(d.color);
      var report = d.kind === "report";
      return {
        label: d.label,
        data: d.points.map(function (p) { return resolve(p, root); }),
        borderColor: c,
        backgroundColor: report ? c : "#ffffff",
        showLine: report,
        pointStyle: report ? "circle" : (d.kind === "baseline" ? "rectRot" : "triangle"),
        pointRadius: report ? 4 : 6,
        pointHoverRadius: 8,
        borderWidth: 2
      };
    });
    var chart = new window.Chart(canvas, {
      type: "line",
      data: { datasets: datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: "nearest", intersect: true },
        scales: {
          x: {
            type: "linear",
            min: spec.years[0] - 0.5,
            max: spec.years[1] + 0.5,
            title: { display: true, text: spec.xTitle },
            // One tick per report year, written as a year (no thousands separator).
            afterBuildTicks: function (axis) {
              var ticks = [];
              for (var y = spec.years[0]; y <= spec.years[1]; y += 1) { ticks.push({ value: y }); }
              axis.ticks = ticks;
            },
            ticks: { callback: function (v) { return String(v); } }
          },
          y: {
            reverse: spec.reverse,
            title: { display: true, text: spec.yTitle },
            ticks: { callback: axisNumber }
          }
        },
        plugins: {
          legend: { position: "bottom", labels: { usePointStyle: true } },
          tooltip: {
            callbacks: {
              title: function (items) { return items.length ? items[0].raw.x + "年" : ""; },
              label: function (ctx) { return ctx.dataset.label + "：" + ctx.raw.t; }
            }
          }
        },
        onClick: function (event, elements) {
          if (!elements.length) { return; }
          var point = datasets[elements[0].datasetIndex].data[elements[0].index];
          if (point.url) { window.location.href = point.url; }
        }
      }
    });
    canvas.setAttribute("data-points", String(chart.data.datasets.reduce(function (n, d) { return n + d.data.length; }, 0)));
  }

  if (!window.Chart) { return; }
  window.Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily;
  Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart]"), draw);
}());
