// The arroyo-view page: draws each update the server pushes over the websocket next to this page.
'use strict';

// viridis, sampled at nine points and interpolated linearly into a 256-entry table
const VIRIDIS = [[68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141],
                 [39, 173, 129], [92, 200, 99], [170, 220, 50], [253, 231, 37]];
const COLORS = Array.from({ length: 256 }, (_, i) => {
  const at = i / 255 * (VIRIDIS.length - 1);
  const low = Math.floor(at), high = Math.min(low + 1, VIRIDIS.length - 1), t = at - low;
  return VIRIDIS[low].map((c, k) => Math.round(c + (VIRIDIS[high][k] - c) * t));
});

const $ = id => document.getElementById(id);

function formatNumber(value) {
  if (typeof value !== 'number') return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en');
  const magnitude = Math.abs(value);
  return magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e5) ? value.toExponential(3) : value.toPrecision(4);
}

function formatValue(value) {
  if (Array.isArray(value)) {
    return value.length <= 8 ? '[' + value.map(formatValue).join(', ') + ']'
      : '[' + value.length + ' values: ' + formatValue(value[0]) + ' … ' + formatValue(value[value.length - 1]) + ']';
  }
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return formatNumber(value);
}

function showFields(list, fields) {
  list.replaceChildren();
  for (const [key, value] of Object.entries(fields || {})) {
    const term = document.createElement('dt');
    term.textContent = key;
    const description = document.createElement('dd');
    description.textContent = formatValue(value);
    description.dataset.field = key;
    list.append(term, description);
  }
}

function drawImage(image) {
  const canvas = $('image');
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext('2d');
  const pixels = Uint8Array.from(atob(image.pixels), c => c.charCodeAt(0));
  const rgba = context.createImageData(image.width, image.height);
  pixels.forEach((level, i) => {
    const [r, g, b] = COLORS[level];
    rgba.data.set([r, g, b, 255], i * 4);
  });
  context.putImageData(rgba, 0, 0);
  $('image-info').textContent = image.dtype + ' [' + image.shape.join(', ') + '], log scale'
    + (image.step > 1 ? ', one pixel in ' + image.step : '');
  drawColorbar(image.min, image.max);
  showFields($('image-fields'), image.fields);
}

function drawColorbar(min, max) {
  const canvas = $('colorbar');
  const context = canvas.getContext('2d');
  context.clearRect(0, 0, canvas.width, canvas.height);
  const top = 10, height = canvas.height - 20;
  for (let y = 0; y < height; y++) {
    const [r, g, b] = COLORS[Math.round(255 * (1 - y / (height - 1)))];
    context.fillStyle = `rgb(${r},${g},${b})`;
    context.fillRect(0, top + y, 14, 1);
  }
  // ticks at the log scale's quarters: value = min + expm1(t * log1p(max - min))
  context.fillStyle = '#222';
  context.font = '10px sans-serif';
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    const value = min + Math.expm1(t * Math.log1p(max - min));
    const y = top + (1 - t) * (height - 1);
    context.fillRect(14, y, 4, 1);
    context.fillText(formatNumber(value), 20, y + 3);
  }
}

function drawPlot(plot) {
  const canvas = $('plot');
  const context = canvas.getContext('2d');
  const width = canvas.width, height = canvas.height;
  const left = 70, right = 35, top = 15, bottom = 45;
  context.clearRect(0, 0, width, height);
  const x = plot.x || plot.y.map((_, i) => i);
  const points = plot.y.map((y, i) => [x[i], y]).filter(([, y]) => y !== null);
  const logarithmic = points.length > 0 && points.every(([, y]) => y > 0);
  const scaleY = y => logarithmic ? Math.log10(y) : y;
  const xs = points.map(p => p[0]), ys = points.map(p => scaleY(p[1]));
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (logarithmic) { y0 = Math.floor(y0); y1 = Math.max(Math.ceil(y1), y0 + 1); }
  const px = v => left + (v - x0) / ((x1 - x0) || 1) * (width - left - right);
  const py = v => height - bottom - (v - y0) / ((y1 - y0) || 1) * (height - top - bottom);
  context.strokeStyle = '#222';
  context.strokeRect(left, top, width - left - right, height - top - bottom);
  context.fillStyle = '#222';
  context.font = '11px sans-serif';
  context.textAlign = 'right';
  const yTicks = logarithmic ? Array.from({ length: y1 - y0 + 1 }, (_, i) => y0 + i)
    : Array.from({ length: 5 }, (_, i) => y0 + i * (y1 - y0) / 4);
  for (const tick of yTicks) {
    context.fillRect(left - 4, py(tick), 4, 1);
    context.fillText(logarithmic ? '1e' + tick : formatNumber(tick), left - 6, py(tick) + 4);
  }
  context.textAlign = 'center';
  for (let i = 0; i <= 4; i++) {
    const tick = x0 + i * (x1 - x0) / 4;
    context.fillRect(px(tick), height - bottom, 1, 4);
    context.fillText(formatNumber(tick), px(tick), height - bottom + 16);
  }
  context.fillText(plot.xLabel, left + (width - left - right) / 2, height - 8);
  context.save();
  context.translate(14, top + (height - top - bottom) / 2);
  context.rotate(-Math.PI / 2);
  context.fillText(logarithmic ? 'value (log scale)' : 'value', 0, 0);
  context.restore();
  context.strokeStyle = '#3b518b';
  context.lineWidth = 1.5;
  context.beginPath();
  points.forEach(([xv, yv], i) => i === 0 ? context.moveTo(px(xv), py(scaleY(yv))) : context.lineTo(px(xv), py(scaleY(yv))));
  context.stroke();
  $('plot-info').textContent = plot.dtype + ' [' + plot.length + '] against ' + plot.xLabel;
}

function show(update) {
  $('name').textContent = update.name;
  document.title = 'arroyo-view ' + update.name;
  for (const counter of ['events', 'images', 'plots', 'skipped']) $(counter).textContent = formatNumber(update[counter]);
  $('rate').textContent = update.rate.toFixed(1);
  $('note').hidden = !update.note;
  $('note').textContent = update.note || '';
  showFields($('start'), update.start);
  $('run-state').textContent = update.start ? (update.running ? '(running)' : '(stopped)') : '(no start yet)';
  if (update.stop) showFields($('stop'), update.stop);
  if (update.image) drawImage(update.image);
  if (update.plot) drawPlot(update.plot);
}

function connect() {
  const socket = new WebSocket(new URL('updates', location.href).href.replace(/^http/, 'ws'));
  socket.onopen = () => { $('connection').textContent = 'live'; $('connection').className = 'up'; };
  socket.onmessage = message => show(JSON.parse(message.data));
  socket.onclose = () => {
    $('connection').textContent = 'disconnected, retrying';
    $('connection').className = 'down';
    setTimeout(connect, 1000);
  };
}

connect();
