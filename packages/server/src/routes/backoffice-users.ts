// The back office disables, enables and deletes users, with the CRM API credential like the ribbons API. A
// disabled or deleted user's sessions and access tokens stop working at once (requireSession checks the user on
// every use; they are also revoked here); every change is audited with the client that made it.
import type { Hono } from 'hono';
import { audit, fail, type AppEnv, type Ctx } from '../http.ts';
import { voidResetLinks } from '../store/password-resets.ts';
import { eraseUser } from '../store/user-erasure.ts';
import { requireClient, userIdParam } from './backoffice.ts';

/** Ends what the user holds; a failure is reported, and requireSession refuses the rest anyway. */
async function revokeAll(c: Ctx, userId: number, reason: string): Promise<void> {
  const { deps } = c.var;
  try {
    await deps.stores.sessions.revokeUser(userId, ['browser', 'access']);
  } catch {
    deps.logger.error('sessions of a disabled or deleted user could not be revoked');
    audit(c, { event: 'session.revoke', outcome: 'failure', userId, detail: { reason } });
  }
}

export function backofficeUserRoutes(app: Hono<AppEnv>): void {
  for (const state of ['disable', 'enable'] as const)
    app.post(`/api/backoffice/users/:userId/${state}`, async (c) => {
      const actor = await requireClient(c);
      const { deps } = c.var;
      const userId = userIdParam(c);
      const at = deps.now();
      if (!deps.stores.users.setDisabled(userId, state === 'disable' ? at : null)) {
        audit(c, { event: `user.${state}`, outcome: 'failure', userId, actor, detail: { reason: 'not-found' } });
        fail('USER_NOT_FOUND', 'No such user');
      }
      if (state === 'disable') {
        voidResetLinks(deps.stores.db, userId, at);
        await revokeAll(c, userId, 'disabled');
      }
      audit(c, { event: `user.${state}`, outcome: 'success', userId, actor });
      return c.json({ userId, disabled: state === 'disable' });
    });

  app.delete('/api/backoffice/users/:userId', async (c) => {
    const actor = await requireClient(c);
    const { deps } = c.var;
    const userId = userIdParam(c);
    if (!eraseUser(deps.stores.db, userId)) {
      audit(c, { event: 'user.delete', outcome: 'failure', userId, actor, detail: { reason: 'not-found' } });
      fail('USER_NOT_FOUND', 'No such user');
    }
    await revokeAll(c, userId, 'deleted');
    audit(c, { event: 'user.delete', outcome: 'success', userId, actor });
    return c.body(null, 204);
  });
}
