import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SseParser, type SseFrame } from './http-sse.ts';

function parse(chunks: readonly string[]): { frames: SseFrame[]; retries: number[] } {
  const frames: SseFrame[] = [];
  const retries: number[] = [];
  const parser = new SseParser(
    (frame) => frames.push(frame),
    (ms) => retries.push(ms),
  );
  for (const chunk of chunks) parser.feed(chunk);
  return { frames, retries };
}

/** Cuts a text at the given positions. */
function cut(text: string, positions: readonly number[]): string[] {
  const points = [...new Set(positions.map((position) => position % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(text.slice(start, point));
    start = point;
  }
  chunks.push(text.slice(start));
  return chunks;
}

describe('SseParser', () => {
  it('reads events, ids, multi-line data, comments and retry per the event-stream format', () => {
    const { frames, retries } = parse([
      ': hello\n',
      'retry: 2500\nretry: soon\n\n',
      'event: typing\ndata: {}\n\n',
      'id: 42\ndata: line one\ndata:line two\n\n',
      'data\n\n',
      'id: 4\0 3\ndata: keeps 42\n\n',
      'event: ignored without data\n\n',
      'data: no blank line yet',
    ]);
    expect(retries).toEqual([2500]);
    expect(frames).toEqual([
      { event: 'typing', data: '{}', id: '' },
      { event: 'message', data: 'line one\nline two', id: '42' },
      { event: 'message', data: '', id: '42' },
      { event: 'message', data: 'keeps 42', id: '42' },
    ]);
  });

  it('gives the same frames however the stream is cut into chunks, and never throws', () => {
    const line = fc.oneof(
      fc.constantFrom('', 'event: message', 'event: typing', 'id: 7', 'id', 'retry: 10', ': ping', 'data'),
      fc.string().map((text) => `data: ${text}`),
      fc.string(),
    );
    const stream = fc
      .tuple(fc.array(line, { maxLength: 20 }), fc.constantFrom('\n', '\r\n', '\r'))
      .map(([lines, end]) => lines.join(end) + end);
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 10 }), (text, positions) => {
        expect(parse(cut(text, positions))).toEqual(parse([text]));
      }),
    );
  });
});
