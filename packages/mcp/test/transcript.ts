import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const GUIDE = fileURLToPath(new URL('../../../docs/guides/ai-tools.md', import.meta.url));
const BEGIN = '<!-- transcript:begin (written by packages/mcp/test/tools.test.ts; do not edit) -->';
const END = '<!-- transcript:end -->';

/**
 * Records tool calls and answers as Markdown, with the random parts (UUIDs, confirmation codes,
 * manage-link tokens) replaced by stable placeholders so the same run always reads the same.
 */
export class Transcript {
  #parts: string[] = [];
  #ids = new Map<string, string>();
  #codes = new Map<string, string>();

  say(who: 'Customer' | 'Assistant', text: string) {
    this.#parts.push(`**${who}:** ${text}`);
  }

  /** Codes appear inside JSON; register them so they are replaced wherever they occur. */
  code(code: string) {
    if (!this.#codes.has(code)) this.#codes.set(code, `CODE${this.#codes.size + 1}`);
  }

  tool(name: string, args: Record<string, unknown>, answer: string, isError: boolean) {
    this.#parts.push(
      [
        `→ \`${name}\` ${JSON.stringify(args)}`,
        '',
        `← ${isError ? 'error result' : 'result'}:`,
        '',
        '```json',
        answer,
        '```',
      ].join('\n'),
    );
  }

  #clean(text: string): string {
    let out = text.replace(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi,
      (id) => {
        if (!this.#ids.has(id)) this.#ids.set(id, `<id-${this.#ids.size + 1}>`);
        return this.#ids.get(id)!;
      },
    );
    out = out.replace(/\/manage\/[A-Za-z0-9_-]+/g, '/manage/<token>');
    for (const [code, label] of this.#codes) out = out.split(code).join(label);
    return out;
  }

  markdown(): string {
    // Cleaned at the end: a code is only known once the booking answer has been recorded.
    return this.#clean(this.#parts.join('\n\n')) + '\n';
  }
}

/** The transcript section of the guide. */
export function guideTranscript(): string | null {
  const doc = readFileSync(GUIDE, 'utf8');
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) return null;
  return doc.slice(a + BEGIN.length, b).replace(/^\n/, '');
}

/** Rewrites the guide's transcript section (UPDATE_TRANSCRIPT=1). */
export function writeGuideTranscript(md: string) {
  const doc = readFileSync(GUIDE, 'utf8');
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${GUIDE} has no transcript markers`);
  writeFileSync(GUIDE, `${doc.slice(0, a + BEGIN.length)}\n${md}${doc.slice(b)}`);
}
