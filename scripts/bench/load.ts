// A small keep-alive load generator for loopback only: a closed loop at fixed concurrency (the maximum rate)
// and an open loop at a fixed arrival rate (latency at a given load, counted from each request's planned start
// so a slow answer cannot hide the queue behind it).
import { Agent, request } from 'node:http';
import { percentile } from './stats.ts';

export interface Call {
  /** POST unless given. */
  method?: 'GET' | 'POST';
  path: string;
  body: string;
  headers: Record<string, string>;
}

export interface Target {
  port: number;
  /** The next request, or undefined when the pre-issued tokens are used up. */
  next(): Call | undefined;
}

export interface LoadResult {
  ok: number;
  failed: number;
  /** True when the target ran out of pre-issued tokens before the time was up. */
  exhausted: boolean;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  /** First status other than 2xx, for the report. */
  firstFailure?: string;
}

function send(agent: Agent, port: number, call: Call): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: call.method ?? 'POST',
        path: call.path,
        agent,
        headers: call.body
          ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(call.body), ...call.headers }
          : call.headers,
      },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', () => resolve(0));
      },
    );
    req.once('error', () => resolve(0));
    req.end(call.body);
  });
}

class Recorder {
  latencies: number[] = [];
  ok = 0;
  failed = 0;
  exhausted = false;
  firstFailure: string | undefined;

  record(status: number, ms: number, path: string) {
    if (status >= 200 && status < 300) {
      this.ok += 1;
      this.latencies.push(ms);
    } else {
      this.failed += 1;
      this.firstFailure ??= `${path} → ${status || 'network error'}`;
    }
  }

  result(seconds: number): LoadResult {
    return {
      ok: this.ok,
      failed: this.failed,
      exhausted: this.exhausted,
      seconds,
      rps: this.ok / seconds,
      p50: percentile(this.latencies, 50),
      p99: percentile(this.latencies, 99),
      ...(this.firstFailure && { firstFailure: this.firstFailure }),
    };
  }
}

/** `concurrency` workers, each sending its next request as soon as the previous one is answered. */
export async function closedLoop(target: Target, options: { concurrency: number; durationMs: number }) {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const recorder = new Recorder();
  const started = performance.now();
  const deadline = started + options.durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      const call = target.next();
      if (!call) {
        recorder.exhausted = true;
        return;
      }
      const sent = performance.now();
      const status = await send(agent, target.port, call);
      recorder.record(status, performance.now() - sent, call.path);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return recorder.result(seconds);
}

/** Requests start at `rate` per second on a fixed schedule, whatever the answers do. */
export async function openLoop(target: Target, options: { rate: number; durationMs: number; maxSockets: number }) {
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets });
  const recorder = new Recorder();
  const interval = 1000 / options.rate;
  const total = Math.floor((options.durationMs / 1000) * options.rate);
  const inflight = new Set<Promise<void>>();
  const started = performance.now();
  let index = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (index < total && started + index * interval <= now) {
        const planned = started + index * interval;
        index += 1;
        const call = target.next();
        if (!call) {
          recorder.exhausted = true;
          index = total;
          break;
        }
        const done = send(agent, target.port, call).then((status) =>
          recorder.record(status, performance.now() - planned, call.path),
        );
        inflight.add(done);
        void done.finally(() => inflight.delete(done));
      }
      if (index < total) setTimeout(tick, Math.max(0, started + index * interval - performance.now()));
      else resolve();
    };
    tick();
  });
  await Promise.all(inflight);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return recorder.result(seconds);
}
