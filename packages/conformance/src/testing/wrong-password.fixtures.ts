// A fixture hook that gives the wrong password for the main user: the command must report the login check failed.
import type { ConformanceContext } from '../index.ts';
import { createFixture as reference } from '../../../server/src/conformance-fixture.ts';

export async function createFixture(context: ConformanceContext) {
  const fixture = await reference(context);
  return { ...fixture, user: { ...fixture.user, password: 'Not-the-password-1' } };
}
