// Draws the event timeline with Chart.js (served from the chart.js npm package by the server).
// The points come from the canvas's data-points attribute, so no inline script is needed.
(function () {
  'use strict';
  var canvas = document.getElementById('timeline-chart');
  if (!canvas || typeof window.Chart !== 'function') return;
  var points = JSON.parse(canvas.getAttribute('data-points') || '[]');
  // Rows from bottom to top; the kinds come from the brief's timeline entries.
  var rows = ['report', 'referenced', 'series', 'event'];
  var colours = { event: '#b4235a', series: '#1f5fa8', referenced: '#5c6b2e', report: '#7a7f87' };
  var day = 24 * 60 * 60 * 1000;
  function toTime(date) {
    return Date.parse(date.length === 4 ? date + '-07-01' : date.length === 7 ? date + '-15' : date);
  }
  var datasets = rows.map(function (row) {
    return {
      label: row,
      backgroundColor: colours[row],
      borderColor: colours[row],
      pointRadius: row === 'event' ? 8 : 6,
      pointHoverRadius: 10,
      data: points
        .filter(function (p) { return p.row === row && !isNaN(toTime(p.date)); })
        .map(function (p) { return { x: toTime(p.date), y: rows.indexOf(row), title: p.title, date: p.date }; }),
    };
  }).filter(function (set) { return set.data.length > 0; });
  var times = datasets.flatMap(function (set) { return set.data.map(function (p) { return p.x; }); });
  var min = Math.min.apply(null, times);
  var max = Math.max.apply(null, times);
  var pad = Math.max(day, (max - min) * 0.08);
  new window.Chart(canvas, {
    type: 'scatter',
    data: { datasets: datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: {
        x: {
          type: 'linear',
          min: min - pad,
          max: max + pad,
          ticks: {
            maxTicksLimit: 6,
            callback: function (value) { return new Date(value).toISOString().slice(0, 10); },
          },
        },
        y: {
          min: -0.5,
          max: rows.length - 0.5,
          // One tick per row, at the integer positions the points sit on.
          afterBuildTicks: function (axis) {
            axis.ticks = rows.map(function (_, index) { return { value: index }; });
          },
          ticks: { callback: function (value) { return rows[value] || ''; } },
        },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            label: function (item) { return item.raw.date + ': ' + item.raw.title; },
          },
        },
      },
    },
  });
})();
