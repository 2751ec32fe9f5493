import { isEmbedMessage } from './protocol';

/**
 * <script src="https://book.example.com/widget.js" data-tenant="salon"></script>
 *
 * Renders the booking flow in an iframe (/embed/{slug}) so the host page's CSS cannot reach it
 * (the iframe itself sits in a shadow root for the same reason), grows the iframe to its content
 * and re-dispatches "booked" as a `slotwise:booked` CustomEvent that bubbles to the host document.
 * Optional attributes: data-target (CSS selector of the container), data-locale (en|es|fr).
 */
function mount(script: HTMLScriptElement) {
  if (script.dataset.slotwiseMounted) return;
  script.dataset.slotwiseMounted = '1';
  const slug = script.dataset.tenant;
  if (!slug) {
    console.error('[slotwise] widget.js needs a data-tenant="your-slug" attribute');
    return;
  }
  const origin = new URL(script.src, window.location.href).origin;

  const host = document.createElement('div');
  host.className = 'slotwise-widget';
  host.style.display = 'block';
  const target = script.dataset.target ? document.querySelector(script.dataset.target) : null;
  if (target) target.appendChild(host);
  else script.insertAdjacentElement('afterend', host);
  const root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;

  const src = new URL(`/embed/${encodeURIComponent(slug)}`, origin);
  src.searchParams.set('parent', window.location.origin);
  if (script.dataset.locale) src.searchParams.set('lang', script.dataset.locale);

  const iframe = document.createElement('iframe');
  iframe.src = src.toString();
  iframe.title = script.dataset.title ?? 'Online booking';
  Object.assign(iframe.style, {
    display: 'block',
    width: '100%',
    height: '560px',
    border: '0',
    colorScheme: 'normal',
  });
  root.appendChild(iframe);

  window.addEventListener('message', (e) => {
    // Only our own iframe, served from our own origin, may talk to us.
    if (e.origin !== origin || e.source !== iframe.contentWindow || !isEmbedMessage(e.data)) return;
    const msg = e.data;
    if (msg.type === 'resize' && Number.isFinite(msg.height)) {
      iframe.style.height = `${Math.min(Math.max(Math.ceil(msg.height), 200), 20_000)}px`;
    } else if (msg.type === 'booked') {
      host.dispatchEvent(
        new CustomEvent('slotwise:booked', { bubbles: true, composed: true, detail: msg.booking }),
      );
    }
  });
}

const current = document.currentScript as HTMLScriptElement | null;
if (current?.dataset.tenant) mount(current);
else
  document
    .querySelectorAll<HTMLScriptElement>('script[data-tenant][src*="widget.js"]')
    .forEach(mount);
