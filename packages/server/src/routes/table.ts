import type { Hono, Handler } from 'hono';
import { defaultRoutes, type RouteName } from '@broker-kit/core/adapter/routes.ts';
import type { AppEnv } from '../http.ts';

/** Mounts a handler at the method and path the shared route table gives the adapter call. */
export function on(app: Hono<AppEnv>, name: RouteName, handler: Handler<AppEnv>): void {
  const [method, path] = defaultRoutes[name].split(' ') as [string, string];
  // The call's name lets requireSession hold an in-app session to its own screen's calls.
  app.on(method, path, (c, next) => {
    c.set('route', name);
    return handler(c, next);
  });
}
