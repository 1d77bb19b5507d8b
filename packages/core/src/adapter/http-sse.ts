/** One dispatched Server-Sent Events frame. */
export interface SseFrame {
  event: string;
  data: string;
  /** The stream's last event id after this frame ('' when none was ever set). */
  id: string;
}

/**
 * An incremental `text/event-stream` parser (WHATWG HTML §9.2.6): feed it decoded text chunks as they arrive,
 * it calls `onFrame` for each complete event and `onRetry` when the server sets a new reconnection delay.
 */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private pendingId: string | undefined;
  /** What a reconnection sends as `Last-Event-ID`. */
  lastEventId = '';

  constructor(
    private readonly onFrame: (frame: SseFrame) => void,
    private readonly onRetry: (ms: number) => void = () => {},
  ) {}

  feed(chunk: string): void {
    this.buffer += chunk;
    // A line ends with CRLF, LF or CR; a trailing CR may be the first half of a CRLF, so wait for more.
    const pattern = /\r\n|\n|\r(?!$)/g;
    let start = 0;
    for (let match = pattern.exec(this.buffer); match; match = pattern.exec(this.buffer)) {
      this.line(this.buffer.slice(start, match.index));
      start = match.index + match[0].length;
    }
    this.buffer = this.buffer.slice(start);
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return; // comment, used as a keep-alive
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.event = value;
        break;
      case 'data':
        this.data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.pendingId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.onRetry(Number(value));
        break;
    }
  }

  private dispatch(): void {
    if (this.pendingId !== undefined) this.lastEventId = this.pendingId;
    const frame: SseFrame = { event: this.event || 'message', data: this.data.join('\n'), id: this.lastEventId };
    const hasData = this.data.length > 0;
    this.event = '';
    this.data = [];
    this.pendingId = undefined;
    if (hasData) this.onFrame(frame);
  }
}
