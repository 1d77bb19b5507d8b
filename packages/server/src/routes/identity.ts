// Identity: the in-app handoff (validate-token) and the SSO screens' login, signup and account upkeep.
import type { Hono } from 'hono';
import * as z from 'zod';
import { BrokerKitError } from '@broker-kit/core/errors.ts';
import { emailProblem, nameProblem, normalizeEmail } from '@broker-kit/core/rules/identity.ts';
import { FieldCheck } from '@broker-kit/core/rules/problems.ts';
import {
  changeEmailRequestSchema,
  changePasswordRequestSchema,
  completePasswordResetRequestSchema,
  loginRequestSchema,
  passwordResetRequestSchema,
  signupRequestSchema,
  validateTokenRequestSchema,
  type AuthResult,
  type UserProfile,
  type ValidatedToken,
} from '@broker-kit/core/adapter/schemas.ts';
import { hashToken, newToken, ownTokenPattern } from '../crypto.ts';
import { services } from '../services.ts';
import { accountsOf, ensureAccount, ownerOfLogin } from '../store/accounts.ts';
import {
  activeUser,
  audit,
  closeSession,
  fail,
  failClosed,
  failureLimit,
  limit,
  openSession,
  readJson,
  requireSession,
  type AppEnv,
  type Ctx,
} from '../http.ts';
import { mailLanguage, passwordResetMail } from '../mailer.ts';
import { issueResetLink, redeemResetLink, resetLinkState, voidResetLinks } from '../store/password-resets.ts';
import { issueToken, redeemToken, revokeReplayed, screensClientId } from '../tokens.ts';
import { recordSignupAttribution } from './engage.ts';
import { on } from './table.ts';
import { asSeedVerdict } from '../seed-verdicts.ts';

/** Any token a platform may hand over; this server's own are 43 base64url characters. */
const tokenPattern = /^[A-Za-z0-9._~+/=-]{8,512}$/;

function requireSso(c: Ctx): void {
  if (c.var.deps.config.identity !== 'sso') fail('MODULE_DISABLED', 'The broker does not own identity (handoff mode)');
}

/** After login or signup: straight to the success URL with an OT token, or on to account creation first. */
async function completeLogin(c: Ctx, userId: number, keepLoggedIn: boolean): Promise<AuthResult> {
  const { deps } = c.var;
  const accounts = accountsOf(deps.stores.db, userId);
  if (accounts.length === 0) return { status: 'account-required', userId };
  const { token } = await issueToken(deps, {
    purpose: 'sso-login',
    userId,
    clientId: deps.config.ssoClientId,
    tradingLogin: accounts[0]?.login,
    keepLoggedIn,
    ttlMs: deps.config.tokenTtlMs,
  });
  audit(c, { event: 'token.issue', outcome: 'success', userId, detail: { purpose: 'sso-login' } });
  return { status: 'complete', token, userId };
}
export { completeLogin };

/** Built once: a zod schema costs far more to build than to run. */
const tokenPresence = z.object({ token: z.unknown().optional() }).loose();

async function validateToken(c: Ctx) {
  const deps = c.get('deps');
  const raw = await readJson(c, tokenPresence);
  if (raw.token === undefined || raw.token === null || raw.token === '')
    fail('MISSING_REQUIRED_PARAMETER', 'token is required');
  const body = await readJson(c, validateTokenRequestSchema);
  if (!tokenPattern.test(body.token)) fail('INVALID_OT_TOKEN', 'Malformed token');
  await limit(c, `token-ip:${c.get('ip')}`, deps.config.rateLimits.tokenPerIp);

  const hash = hashToken(body.token);
  const codes = { invalid: 'INVALID_OT_TOKEN', expired: 'TOKEN_EXPIRED' } as const;
  const own = await redeemToken(
    c,
    body.token,
    { purposes: ['in-app'], clientId: screensClientId, action: body.action },
    codes,
  );
  let claims: {
    userId: number;
    email?: string;
    tradingLogin?: number;
    expiresAt: number;
    action?: string;
    firstName?: string;
    lastName?: string;
  };
  if (own) {
    claims = own;
  } else {
    // Not ours: the platform issued it. Spend it here first, so it works once even if the platform forgets.
    let claimed = false;
    try {
      claimed = await deps.stores.tokens.claim(hash, deps.now() + 24 * 3600_000, deps.now());
    } catch {
      fail('INVALID_OT_TOKEN');
    }
    if (!claimed) {
      await revokeReplayed(c, hash, undefined);
      fail('INVALID_OT_TOKEN');
    }
    try {
      const data = await deps.platform.validateInAppToken(body.token);
      claims = { ...data, expiresAt: Date.parse(data.expiresAt) };
    } catch (error) {
      audit(c, {
        event: 'token.validate',
        outcome: 'failure',
        detail: { reason: error instanceof BrokerKitError ? error.code : 'platform' },
      });
      throw error;
    }
    if (!(claims.expiresAt > deps.now())) fail('TOKEN_EXPIRED');
    if (body.action && claims.action && claims.action !== body.action)
      fail('INVALID_OT_TOKEN', 'Token issued for another action');
    if (!claims.email) fail('USER_NOT_FOUND', 'User context not found in token');
    deps.stores.users.upsertFromPlatform(claims.userId, normalizeEmail(claims.email), deps.now());
  }
  const user = activeUser(deps, claims.userId);
  if (!user) {
    audit(c, {
      event: 'token.validate',
      outcome: 'failure',
      userId: claims.userId,
      detail: { reason: 'user-not-found' },
    });
    fail('USER_NOT_FOUND', 'User context not found in token');
  }
  const action = claims.action ?? body.action;
  const tradingLogin = claims.tradingLogin;
  // A login owned by another user is never bound; one we have not seen is recorded only on the platform's word.
  if (tradingLogin !== undefined) {
    const owner = ownerOfLogin(deps.stores.db, tradingLogin);
    if (owner === undefined ? own !== undefined : owner !== user.userId) {
      audit(c, {
        event: 'token.validate',
        outcome: 'failure',
        userId: user.userId,
        detail: { reason: 'foreign-login' },
      });
      fail('INVALID_OT_TOKEN');
    }
  }
  // The account row, the session and its audit entry commit together (one transaction on SQLite).
  await openSession(c, { userId: user.userId, origin: hash, action, tradingLogin, embeddable: true }, () => {
    if (tradingLogin !== undefined && !own) ensureAccount(deps.stores.db, user.userId, tradingLogin, deps.now());
    audit(c, {
      event: 'token.validate',
      outcome: 'success',
      userId: user.userId,
      detail: { action, source: own ? 'broker' : 'platform' },
    });
  });
  const answer: ValidatedToken = {
    valid: true,
    userId: user.userId,
    email: user.email,
    ...(claims.tradingLogin !== undefined && { tradingLogin: claims.tradingLogin }),
    expiresAt: new Date(claims.expiresAt).toISOString(),
    ...(action && { action }),
    profile: withTokenNames(await services(deps).identity.profileOf(user), claims),
  };
  return c.json(answer);
}

/**
 * Under handoff the broker may know no name yet: the platform's token carries it, and the screens pre-fill their
 * forms with it (seed 001). The broker's own record wins; a name the name rule refuses is left out.
 */
function withTokenNames(profile: UserProfile, claims: { firstName?: string; lastName?: string }): UserProfile {
  const name = (value: string | undefined) => (value && !nameProblem(value) ? value.trim() : undefined);
  const firstName = profile.firstName ?? name(claims.firstName);
  const lastName = profile.lastName ?? name(claims.lastName);
  return { ...profile, ...(firstName && { firstName }), ...(lastName && { lastName }) };
}

/**
 * Mails a reset link to a known address. The answer (204) and the limits are the same whether or not the address
 * has an account, and the request never waits for the mailer, so a slow mail service cannot tell either.
 */
async function requestPasswordReset(c: Ctx) {
  requireSso(c);
  const { deps } = c.var;
  const body = await readJson(c, passwordResetRequestSchema);
  new FieldCheck().add('email', emailProblem(body.email)).assert('Invalid email');
  const email = normalizeEmail(body.email);
  await limit(c, `reset-ip:${c.var.ip}`, deps.config.rateLimits.signupPerIp);
  await limit(c, `reset-account:${hashToken(email)}`, deps.config.rateLimits.passwordResetPerAccount);
  const found = deps.stores.users.byEmail(email);
  const user = found && activeUser(deps, found.userId);
  audit(c, { event: 'password-reset.request', outcome: user ? 'success' : 'failure', userId: user?.userId });
  if (!user) return c.body(null, 204);
  const token = newToken();
  const now = deps.now();
  const minutes = deps.config.passwordResetTtlMinutes;
  issueResetLink(deps.stores.db, {
    hash: hashToken(token),
    userId: user.userId,
    now,
    expiresAt: now + minutes * 60_000,
  });
  const mail = passwordResetMail({
    to: user.email,
    language: mailLanguage(body.language, deps.config.core.defaultLanguage),
    publicUrl: deps.config.publicUrl,
    token,
    minutes,
    brokerName: deps.config.brokerName,
  });
  deps.mailer.send(mail).then(
    () => audit(c, { event: 'mail.send', outcome: 'success', userId: user.userId, detail: { kind: mail.kind } }),
    () => {
      deps.logger.error('password reset mail could not be handed to the mailer');
      audit(c, { event: 'mail.send', outcome: 'failure', userId: user.userId, detail: { kind: mail.kind } });
    },
  );
  return c.body(null, 204);
}

/**
 * Sets a new password with a reset link's token: a dead link is refused before the password is judged, a refused
 * password leaves the link live, and the link is spent in the same transaction that stores the new password.
 * Every session and access token of the user ends.
 */
async function completePasswordReset(c: Ctx) {
  requireSso(c);
  const { deps } = c.var;
  const body = await readJson(c, completePasswordResetRequestSchema);
  if (!ownTokenPattern.test(body.token)) fail('INVALID_OT_TOKEN', 'Malformed token');
  await limit(c, `reset-token-ip:${c.var.ip}`, deps.config.rateLimits.tokenPerIp);
  const hash = hashToken(body.token);
  const link = resetLinkState(deps.stores.db, hash, deps.now());
  if (link.state !== 'live') {
    audit(c, {
      event: 'password-reset.complete',
      outcome: 'failure',
      userId: link.userId,
      detail: { reason: link.state },
    });
    fail(link.state === 'expired' ? 'TOKEN_EXPIRED' : 'INVALID_OT_TOKEN', 'The reset link is not valid');
  }
  const owner = link.userId === undefined ? undefined : deps.stores.users.byUserId(link.userId);
  const passwordHash = await services(deps).identity.checkedPasswordHash(owner, body.newPassword);
  // Another request may have spent the link while the password was hashed: the UPDATE decides.
  const userId = redeemResetLink(deps.stores.db, hash, deps.now(), (owner) => {
    deps.stores.users.setPassword(owner, passwordHash);
    audit(c, { event: 'password-reset.complete', outcome: 'success', userId: owner });
  });
  if (userId === undefined) fail('INVALID_OT_TOKEN', 'The reset link is not valid');
  try {
    await deps.stores.sessions.revokeUser(userId, ['browser', 'access']);
  } catch {
    // The password is set either way: say so, and leave the failure to the log and the audit trail.
    deps.logger.error('sessions of a user whose password was reset could not be revoked');
    audit(c, { event: 'session.revoke', outcome: 'failure', userId, detail: { reason: 'password-reset' } });
  }
  return c.body(null, 204);
}

/** A wrong password is audited as a failure of the event; any other refusal is the request's, not an attempt. */
async function audited<T>(c: Ctx, event: string, userId: number, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BrokerKitError && error.code === 'INVALID_CREDENTIALS')
      audit(c, { event, outcome: 'failure', userId });
    throw error;
  }
}

export function identityRoutes(app: Hono<AppEnv>): void {
  on(app, 'validateToken', (c) =>
    failClosed(c, 'INVALID_OT_TOKEN', () => validateToken(c)).catch((error: unknown) => {
      throw asSeedVerdict(error);
    }),
  );

  on(app, 'login', async (c) => {
    requireSso(c);
    const { deps } = c.var;
    const body = await readJson(c, loginRequestSchema);
    await limit(c, `login-ip:${c.var.ip}`, deps.config.rateLimits.loginPerIp);
    // Wrong passwords for one account count per address: guesses from elsewhere never lock the real user out.
    const guesses = `login-account:${hashToken(normalizeEmail(body.email))}:${c.var.ip}`;
    await failureLimit.check(c, guesses, deps.config.rateLimits.loginPerAccount);
    const outcome = await services(deps).identity.authenticate(body.email, body.password);
    if (!outcome.ok) {
      await failureLimit.count(c, guesses, deps.config.rateLimits.loginPerAccount);
      audit(c, {
        event: 'login',
        outcome: 'failure',
        userId: outcome.user?.userId,
        detail: { reason: 'invalid-credentials' },
      });
      fail('INVALID_CREDENTIALS', 'Email or password is wrong');
    }
    const { user } = outcome;
    await openSession(c, { userId: user.userId, keepLoggedIn: body.keepLoggedIn });
    audit(c, { event: 'login', outcome: 'success', userId: user.userId, detail: { source: body.attribution?.source } });
    return c.json(await completeLogin(c, user.userId, body.keepLoggedIn));
  });

  on(app, 'signup', async (c) => {
    requireSso(c);
    const { deps } = c.var;
    const body = await readJson(c, signupRequestSchema);
    const { identity } = services(deps);
    identity.checkSignup(body);
    await limit(c, `signup-ip:${c.var.ip}`, deps.config.rateLimits.signupPerIp);
    const { userId } = await identity.signup(body);
    audit(c, {
      event: 'signup',
      outcome: 'success',
      userId,
      detail: { agreement: body.acceptAgreement, source: body.attribution?.source },
    });
    if (body.attribution?.partnerId) await recordSignupAttribution(c, userId, body.attribution.partnerId);
    await openSession(c, { userId, keepLoggedIn: body.keepLoggedIn });
    return c.json(await completeLogin(c, userId, body.keepLoggedIn));
  });

  on(app, 'requestPasswordReset', (c) => requestPasswordReset(c));
  on(app, 'completePasswordReset', (c) => failClosed(c, 'INVALID_OT_TOKEN', () => completePasswordReset(c)));

  on(app, 'changePassword', async (c) => {
    const { deps } = c.var;
    const session = await requireSession(c, ['browser']);
    const body = await readJson(c, changePasswordRequestSchema);
    const user = await audited(c, 'password.change', session.userId, () =>
      services(deps).identity.changePassword(session.userId, body.currentPassword, body.newPassword),
    );
    // A reset link asked for before the change no longer works.
    voidResetLinks(deps.stores.db, user.userId, deps.now());
    // Every other session and access token of the user ends; this one is replaced by a fresh one.
    await deps.stores.sessions.revokeUser(user.userId, ['browser', 'access']);
    await openSession(c, { userId: user.userId });
    audit(c, { event: 'password.change', outcome: 'success', userId: user.userId });
    return c.body(null, 204);
  });

  on(app, 'changeEmail', async (c) => {
    const { deps } = c.var;
    const session = await requireSession(c, ['browser']);
    const body = await readJson(c, changeEmailRequestSchema);
    const result = await audited(c, 'email.change', session.userId, () =>
      services(deps).identity.changeEmail(session.userId, body.newEmail, body.password),
    );
    audit(c, { event: 'email.change', outcome: 'success', userId: session.userId });
    return c.json(result);
  });

  on(app, 'currentUser', async (c) => {
    const session = await requireSession(c);
    return c.json(await services(c.var.deps).identity.profile(session.userId));
  });

  on(app, 'logout', async (c) => {
    await closeSession(c);
    audit(c, { event: 'logout', outcome: 'success' });
    return c.body(null, 204);
  });
}
