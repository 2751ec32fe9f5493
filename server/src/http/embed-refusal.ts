/**
 * The page /embed/{slug} serves instead of the booking flow when the business restricted which
 * websites may embed it and the page asking is not one of them. The browser would otherwise
 * show its own "refused to connect" error inside the frame; this says what happened, links to
 * the booking page (opened outside the frame) and gives the owner a one-click way to allow the
 * site. It has no script and no form, so letting any page frame it exposes nothing.
 */

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** Framable by anyone (it only explains and links out); inline style only, nothing else. */
export const EMBED_REFUSAL_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "base-uri 'none'",
  "form-action 'none'",
  'frame-ancestors *',
].join('; ');

export function embedRefusalPage(opts: {
  slug: string;
  businessName: string;
  /** The origin of the page that tried to embed the widget. */
  origin: string;
}): string {
  const name = escapeHtml(opts.businessName);
  const origin = escapeHtml(opts.origin);
  const slug = encodeURIComponent(opts.slug);
  const allow = `/admin/settings?allowEmbed=${encodeURIComponent(opts.origin)}#embed`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Booking is not available on this website</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; color: #1f2937; background: #fff; margin: 0; padding: 24px; }
  main { max-width: 36rem; margin: 0 auto; border: 1px solid #d1d5db; border-radius: 12px; padding: 20px 24px; }
  h1 { font-size: 1.2rem; margin: 0 0 8px; }
  a { color: #1d4ed8; }
  .btn { display: inline-block; background: #1d4ed8; color: #fff; padding: 8px 14px; border-radius: 8px; text-decoration: none; }
  .small { font-size: .875rem; color: #4b5563; }
  code { word-break: break-all; }
</style></head>
<body><main data-testid="embed-refused">
  <h1>Online booking is not available on this website</h1>
  <p>${name} has not allowed <code>${origin}</code> to show its booking page.</p>
  <p><a class="btn" href="/book/${slug}" target="_blank" rel="noopener">Book on ${name}’s booking page</a></p>
  <p class="small">Are you the owner? <a href="${escapeHtml(allow)}" target="_blank" rel="noopener">Allow this website</a> in your embed settings (one click once you are logged in).</p>
</main></body></html>`;
}
