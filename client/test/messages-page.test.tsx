import { describe, expect, it } from 'vitest';
import { parseOffsets } from '../src/admin/pages/messages/NoticesSection';

describe('reminder offsets as typed in the Messages page', () => {
  it('reads hours (decimals allowed) into minutes, and refuses text', () => {
    expect(parseOffsets('24, 2')).toEqual([1440, 120]);
    expect(parseOffsets('0.5')).toEqual([30]);
    expect(parseOffsets('')).toEqual([]);
    expect(parseOffsets('24, soon')).toBeNull();
  });
});
