// SECURITY 14 measured: a login with a wrong password and a login for an address with no account must take
// like time (the server derives a key for a stand-in hash). The test suite checks the same work is done; the
// times belong here, where the machine's load is a measured condition rather than a cause of failure.
import { percentile } from './stats.ts';
import { kitHeader } from './server.ts';

export interface LoginTiming {
  pairs: number;
  wrongPasswordMedianMs: number;
  unknownAccountMedianMs: number;
  /** unknown ÷ wrong: 1 is ideal; well below 1 would tell an attacker which addresses have accounts. */
  ratio: number;
}

async function timedLogin(url: string, email: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: url, ...kitHeader },
    body: JSON.stringify({ email, password: 'not the password', keepLoggedIn: false }),
  });
  await response.arrayBuffer();
  if (response.status !== 401) throw new Error(`login for the timing answered ${response.status}, expected 401`);
  return performance.now() - started;
}

/** Alternates the two kinds one at a time, so that a change in the machine's load touches both alike. */
export async function measureLoginTiming(url: string, knownEmail: string, pairs = 25): Promise<LoginTiming> {
  const wrong: number[] = [];
  const unknown: number[] = [];
  await timedLogin(url, 'warm-up@example.com'); // the stand-in hash is made on first need
  for (let index = 0; index < pairs; index += 1) {
    wrong.push(await timedLogin(url, knownEmail));
    unknown.push(await timedLogin(url, `nobody-${index}@example.com`));
  }
  const wrongPasswordMedianMs = percentile(wrong, 50);
  const unknownAccountMedianMs = percentile(unknown, 50);
  return {
    pairs,
    wrongPasswordMedianMs,
    unknownAccountMedianMs,
    ratio: unknownAccountMedianMs / wrongPasswordMedianMs,
  };
}
