import type { EmbedMessage } from '../widget/protocol';

/** Running inside the widget's iframe at /embed/{slug}. */
export const isEmbedded = () => window.location.pathname.startsWith('/embed/');

/**
 * The host page's origin, as the widget passed it. Messages go to that origin only; CSP
 * frame-ancestors already guarantees the host is one the business allowed.
 */
function parentOrigin(): string | null {
  const given = new URLSearchParams(window.location.search).get('parent');
  try {
    return given ? new URL(given).origin : null;
  } catch {
    return null;
  }
}

function post(message: EmbedMessage) {
  const origin = parentOrigin();
  if (origin && window.parent !== window) window.parent.postMessage(message, origin);
}

/** Tells the widget our height whenever the content changes size. Returns a stop function. */
export function reportHeight(): () => void {
  let last = 0;
  const send = () => {
    const h = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (h !== last) {
      last = h;
      post({ source: 'slotwise', type: 'resize', height: h });
    }
  };
  const ro = new ResizeObserver(send);
  ro.observe(document.body);
  send();
  return () => ro.disconnect();
}

export function reportBooked(booking: {
  code: string;
  start: string;
  service: { id: string; name: string };
}) {
  post({ source: 'slotwise', type: 'booked', booking });
}
