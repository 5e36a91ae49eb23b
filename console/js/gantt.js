// The Gantt charts' DOM pieces, shared by the site planning (bars per phase and intervention) and
// the dispatch board (bars per technician): tracks, positioned bars, and dragging.
import { h } from './dom.js';

/** A row's timeline, `width` pixels wide. */
export function track(width, children) {
  const element = h('div', { class: 'gantt-track' }, children);
  element.style.width = `${width}px`;
  return element;
}

/** `element` placed at `x`, `width` pixels wide, on its track. */
export function positioned(element, x, width) {
  element.style.left = `${x}px`;
  element.style.width = `${width}px`;
  return element;
}

/**
 * Pointer drag of `bar` by whole `step`s of `stepWidth` pixels, or Arrow keys. On release,
 * `onDrop({steps, row})` gets the steps moved and, when `acrossRows`, the `.gantt-row` the pointer
 * was released on (Arrow Up/Down: the row above/below); `row` is null when it stayed on its own.
 */
export function draggable(bar, stepWidth, onDrop, { acrossRows = false } = {}) {
  let start = null;
  const stepsOf = (event) => Math.round((event.clientX - start.x) / stepWidth) || 0;
  const reset = () => {
    start = null;
    bar.classList.remove('dragging');
    bar.style.transform = '';
  };
  const home = () => bar.closest('.gantt-row');
  const rowAt = (event) => {
    // The dragged bar is under the pointer: look through it for the row below.
    bar.style.pointerEvents = 'none';
    const row = document.elementFromPoint(event.clientX, event.clientY)?.closest('.gantt-row[data-row]');
    bar.style.pointerEvents = '';
    return row && row !== home() ? row : null;
  };
  bar.addEventListener('pointerdown', (event) => {
    start = { x: event.clientX, y: event.clientY };
    bar.setPointerCapture(event.pointerId);
    bar.classList.add('dragging');
  });
  bar.addEventListener('pointermove', (event) => {
    if (!start) return;
    const dy = acrossRows ? event.clientY - start.y : 0;
    bar.style.transform = `translate(${stepsOf(event) * stepWidth}px, ${dy}px)`;
  });
  bar.addEventListener('pointerup', (event) => {
    if (!start) return;
    const steps = stepsOf(event);
    const row = acrossRows ? rowAt(event) : null;
    reset();
    if (steps || row) onDrop({ steps, row });
  });
  bar.addEventListener('pointercancel', reset);
  bar.addEventListener('keydown', (event) => {
    const sibling = { ArrowUp: 'previousElementSibling', ArrowDown: 'nextElementSibling' }[event.key];
    if (event.key === 'ArrowRight') onDrop({ steps: 1, row: null });
    else if (event.key === 'ArrowLeft') onDrop({ steps: -1, row: null });
    else if (acrossRows && sibling) {
      const row = home()?.[sibling];
      if (row?.matches('.gantt-row[data-row]')) { event.preventDefault(); onDrop({ steps: 0, row }); }
    }
  });
}
