// A signature drawn with a finger, pen or mouse, kept as strokes of [x, y] points in CSS pixels
// (what `POST /v1/interventions/{id}/signatures` takes), not as an image.
import { h } from './dom.js';

/** At most this many points per stroke and strokes per signature (the gateway's limits). */
const MAX_POINTS = 5_000;
const MAX_STROKES = 500;

export function signaturePad() {
  const canvas = h('canvas', { class: 'signature-pad', 'aria-label': 'signature', role: 'img' });
  const strokes = [];
  let drawing = null;
  const context = canvas.getContext('2d');

  const fit = () => {
    const ratio = window.devicePixelRatio || 1;
    canvas.width = canvas.clientWidth * ratio;
    canvas.height = canvas.clientHeight * ratio;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.lineWidth = 2.5;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.strokeStyle = '#0f172a';
    redraw();
  };
  const redraw = () => {
    context.clearRect(0, 0, canvas.width, canvas.height);
    for (const stroke of strokes) {
      context.beginPath();
      stroke.forEach(([x, y], i) => (i ? context.lineTo(x, y) : context.moveTo(x, y)));
      if (stroke.length === 1) context.lineTo(stroke[0][0] + 0.1, stroke[0][1]);
      context.stroke();
    }
  };
  const point = (event) => {
    const box = canvas.getBoundingClientRect();
    return [Math.round((event.clientX - box.left) * 10) / 10, Math.round((event.clientY - box.top) * 10) / 10];
  };

  canvas.addEventListener('pointerdown', (event) => {
    if (strokes.length >= MAX_STROKES) return;
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    drawing = [point(event)];
    strokes.push(drawing);
    redraw();
  });
  canvas.addEventListener('pointermove', (event) => {
    if (!drawing || drawing.length >= MAX_POINTS) return;
    drawing.push(point(event));
    redraw();
  });
  const end = () => { drawing = null; canvas.dispatchEvent(new Event('change')); };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  new ResizeObserver(fit).observe(canvas);

  return {
    element: canvas,
    strokes: () => strokes.map((stroke) => stroke.map((p) => [...p])),
    isEmpty: () => strokes.length === 0,
    clear: () => { strokes.length = 0; redraw(); canvas.dispatchEvent(new Event('change')); },
  };
}
