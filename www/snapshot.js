// Into a slide: `#snapshot` saves a PNG of the plot (with its axes and legend) and the loss chart
// at twice the screen's CSS pixels, redrawn at that scale rather than enlarged; `#record` records
// them as a WebM video (the browser's MediaRecorder on a canvas stream) until clicked again.

import { app, $ } from './app.js';
import { download } from './files.js';
import { showMessage } from './message.js';

/** Space around and between the pictures, in CSS pixels. */
const PAD = 16;

/** A picture's canvas redrawn at `dpr` × its CSS size: `target` is the plot or the chart. */
function redraw(target, dpr) {
  const canvas = document.createElement('canvas');
  const rect = target.canvas.getBoundingClientRect();
  canvas.renderAs = { width: Math.round(rect.width), height: Math.round(rect.height), dpr };
  const own = target.canvas;
  target.canvas = canvas;
  try {
    if (target === app.plot) target.draw(...target.last);
    else target.draw();
  } finally {
    target.canvas = own;
  }
  return canvas;
}

/** The legend's words under the plot: each class, or the values' scale. */
const legendText = () => ($('legend-values').hidden ? $('legend-classes') : $('legend-values')).textContent.replace(/\s+/g, ' ').trim();

/**
 * The plot, its legend and the loss chart side by side on white, with a line saying what they show,
 * drawn into `canvas` at `dpr` × CSS pixels; `plot` and `chart` are their canvases at that scale.
 */
function compose(canvas, dpr, plot, chart) {
  const [pw, ph] = [plot.width / dpr, plot.height / dpr];
  const [cw, chh] = [chart.width / dpr, chart.height / dpr];
  const head = 28;
  const foot = 40;
  const width = PAD + pw + PAD + cw + PAD;
  const height = PAD + head + Math.max(ph + foot, chh) + PAD;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#1d2731';
  ctx.font = '600 15px system-ui, sans-serif';
  const [epoch, accuracy, loss] = ['epoch', 'accuracy', 'test-loss'].map((id) => $(id).textContent);
  ctx.fillText(`Scratchnet · epoch ${epoch} · test accuracy ${accuracy} · test loss ${loss}`, PAD, PAD + 16);
  ctx.drawImage(plot, PAD, PAD + head, pw, ph);
  ctx.drawImage(chart, PAD + pw + PAD, PAD + head, cw, chh);
  ctx.font = '12px system-ui, sans-serif';
  ctx.fillStyle = '#5f6b76';
  ctx.fillText(legendText().slice(0, 120), PAD, PAD + head + ph + 18, pw + cw + PAD);
  ctx.fillText('Loss: grey train, black test', PAD + pw + PAD, PAD + head + chh + 18);
  return { width: canvas.width, height: canvas.height };
}

/** Saves the snapshot: a PNG at twice the screen's CSS pixels; says its size. */
export function snapshot() {
  const dpr = 2;
  const canvas = document.createElement('canvas');
  const size = compose(canvas, dpr, redraw(app.plot, dpr), redraw(app.chart, dpr));
  canvas.toBlob((blob) => {
    if (!blob) {
      showMessage('This browser could not make the picture.', 'error');
      return;
    }
    download(`scratchnet-epoch-${$('epoch').textContent}.png`, blob, 'image/png');
    $('snapshot').dataset.size = `${size.width}x${size.height}`;
    showMessage(`Saved a ${size.width} × ${size.height} PNG of the plot and the loss chart.`, 'info', 4000);
  }, 'image/png');
}

let recording = null; // { recorder, chunks, canvas, frame } while a recording runs

/** Starts recording the plot and the chart, or stops and saves the WebM. */
export function toggleRecording() {
  if (recording) {
    recording.recorder.stop();
    return;
  }
  const canvas = document.createElement('canvas');
  const stream = canvas.captureStream(30);
  const type = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'].find((t) => MediaRecorder.isTypeSupported(t));
  const recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
  const chunks = [];
  recorder.ondataavailable = (e) => { if (e.data.size) chunks.push(e.data); };
  recorder.onstop = () => {
    cancelAnimationFrame(recording.frame);
    recording = null;
    $('record').textContent = 'Record';
    $('record').setAttribute('aria-pressed', 'false');
    const blob = new Blob(chunks, { type: 'video/webm' });
    download(`scratchnet-epoch-${$('epoch').textContent}.webm`, blob, 'video/webm');
    showMessage(`Saved a ${(blob.size / 1e6).toFixed(1)} MB WebM of the plot and the loss chart.`, 'info', 4000);
  };
  // Each frame, the page's own pictures at its own scale: a recording costs a copy, not a redraw.
  const tick = () => {
    const dpr = app.plot.canvas.width / Math.max(1, app.plot.canvas.getBoundingClientRect().width);
    compose(canvas, dpr, app.plot.canvas, app.chart.canvas);
    recording.frame = requestAnimationFrame(tick);
  };
  recording = { recorder, chunks, canvas, frame: 0 };
  tick();
  recorder.start(250);
  $('record').textContent = 'Stop recording';
  $('record').setAttribute('aria-pressed', 'true');
}

/** Wires the two buttons; where the browser cannot record, the button says so. */
export function bindSnapshot() {
  $('snapshot').addEventListener('click', snapshot);
  const canRecord = typeof MediaRecorder === 'function' && typeof HTMLCanvasElement.prototype.captureStream === 'function';
  if (!canRecord) {
    $('record').disabled = true;
    $('record').textContent = 'Record (not in this browser)';
    $('record').title = 'Recording needs MediaRecorder and canvas streams, which this browser lacks';
    return;
  }
  $('record').addEventListener('click', toggleRecording);
}
