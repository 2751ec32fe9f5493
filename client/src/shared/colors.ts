/** Colour maths for tenant branding: readable text on the brand colour, and brand text on white. */
function rgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  const n = m ? parseInt(m[1]!, 16) : 0x4f46e5;
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const toHex = (c: [number, number, number]) =>
  `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: string, b: string): number {
  const [l1, l2] = [luminance(rgb(a)), luminance(rgb(b))].sort((x, y) => y - x) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

/** Black or white, whichever reads better on `bg`. */
export function textOn(bg: string): string {
  return contrastRatio(bg, '#ffffff') >= contrastRatio(bg, '#111827') ? '#ffffff' : '#111827';
}

/** `color` darkened just enough to reach WCAG AA (4.5:1) against `bg`. */
export function readableOn(color: string, bg = '#ffffff', ratio = 4.5): string {
  let c = rgb(color);
  for (let i = 0; i < 20 && contrastRatio(toHex(c), bg) < ratio; i++)
    c = c.map((v) => v * 0.85) as [number, number, number];
  return toHex(c);
}

/** Sets the brand custom properties the stylesheets use (through CSSOM, which CSP allows). */
export function applyBrand(color: string, el: HTMLElement = document.documentElement) {
  // The brand fill must carry white or black text at AA, so very light colours get darkened.
  const fill = contrastRatio(color, textOn(color)) >= 4.5 ? color : readableOn(color);
  el.style.setProperty('--brand', fill);
  el.style.setProperty('--brand-contrast', textOn(fill));
  el.style.setProperty('--brand-text', readableOn(color));
  el.style.setProperty('--brand-soft', `${readableOn(color)}1a`);
}
