// What a session opened by an in-app token may do: the calls of its own screen, nothing else (SECURITY 3).
import type { RouteName } from '@broker-kit/core/adapter/routes.ts';
import type { InAppAction } from '@broker-kit/core/adapter/schemas.ts';
import type { SessionRecord } from './store/index.ts';

/** Calls every in-app screen makes: who am I (a reload resumes the session), the ribbons, leaving. */
const everyScreen: readonly RouteName[] = ['currentUser', 'ribbons', 'logout'];

const screenCalls: Record<InAppAction, readonly RouteName[]> = {
  deposit: ['paymentOptions', 'submitPayment', 'transaction'],
  withdraw: ['paymentOptions', 'submitPayment', 'transaction'],
  kyc: [
    'kycStatus',
    'saveKycStep',
    'saveKycDraft',
    'uploadKycDocument',
    'removeKycDocument',
    'submitKyc',
    'startKycCheck',
  ],
  action: ['actionSchema', 'submitAction'],
  chat: ['chatHistory', 'sendChatMessage', 'subscribeChat'],
  invite: ['invite', 'inviteStats'],
};

/** A browser session that came from a one-time token (validate-token); a login's session has no origin. */
export function isInAppSession(session: SessionRecord): boolean {
  return session.kind === 'browser' && session.origin !== undefined;
}

/**
 * Whether `session` may make the call `route` (undefined: an endpoint outside the adapter's route table).
 * A login session and the platform's access token may make any; an in-app session only its action's.
 */
export function sessionAllows(session: SessionRecord, route: RouteName | undefined): boolean {
  if (!isInAppSession(session)) return true;
  if (route === undefined) return false;
  if (everyScreen.includes(route)) return true;
  const action = session.action as InAppAction | undefined;
  return action !== undefined && Object.hasOwn(screenCalls, action) && screenCalls[action].includes(route);
}

/** A deposit session moves money in, a withdrawal session out; neither the other way. */
export function sessionAllowsDirection(session: SessionRecord, direction: 'deposit' | 'withdraw'): boolean {
  return !isInAppSession(session) || session.action === direction;
}
