// Server-sent events read with fetch(): `GET /v1/notifications/stream` needs the Authorization
// header, which EventSource cannot send. The parser is a pure function; the connection reconnects
// with backoff (the inbox stays the record: what was missed meanwhile is listed from it).
import { SessionExpired, accessToken } from './session.js';

/**
 * The complete events at the start of `text` and the unfinished rest (kept for the next chunk).
 * @returns {{events: {event: string, data: string}[], rest: string}}
 */
export function parseEvents(text) {
  const blocks = text.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop();
  const events = [];
  for (const block of blocks) {
    let event = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (!line || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length) events.push({ event, data: data.join('\n') });
  }
  return { events, rest };
}

const FIRST_DELAY_MS = 1_000;
const LONGEST_DELAY_MS = 30_000;

/**
 * Keeps `path` open and calls `onEvent({event, data})` for each event, reconnecting after a drop
 * (1 s, doubling up to 30 s; back to 1 s once connected). Ends for good when the session does.
 * @returns {() => void} stops the stream.
 */
export function openEventStream(path, onEvent) {
  const abort = new AbortController();
  (async () => {
    let delay = FIRST_DELAY_MS;
    while (!abort.signal.aborted) {
      try {
        const response = await fetch(path, {
          headers: { Accept: 'text/event-stream', Authorization: `Bearer ${await accessToken()}` }, signal: abort.signal,
        });
        if (response.ok) {
          delay = FIRST_DELAY_MS;
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            const parsed = parseEvents(buffer + value);
            buffer = parsed.rest;
            parsed.events.forEach(onEvent);
          }
        }
      } catch (error) {
        if (error instanceof SessionExpired || abort.signal.aborted) return;
      }
      await new Promise((resolve) => { setTimeout(resolve, delay); });
      delay = Math.min(delay * 2, LONGEST_DELAY_MS);
    }
  })();
  return () => abort.abort();
}
