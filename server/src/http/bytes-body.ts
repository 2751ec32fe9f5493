import { Stream, type Writable } from 'node:stream';

/**
 * A response body serialised before the handler returns (cached bytes), in the one shape ts-rest
 * sends without serialising it again: a Stream, which it pipes into the response. Piping a
 * Readable costs a stream and several ticks per response; this ends the response with the bytes
 * in one write (headers and body together).
 */
export class BytesBody extends Stream {
  constructor(private readonly bytes: Buffer) {
    super();
  }

  override pipe<T extends NodeJS.WritableStream>(destination: T): T {
    (destination as unknown as Writable).end(this.bytes);
    return destination;
  }
}
