import { createContext } from '@lit/context';
import type { i18n } from 'i18next';
import type { BackendAdapter } from '@broker-kit/core';

/**
 * What a host gives every screen below it. A host provides these with `@provide` (or `ContextProvider`) on
 * a wrapping element; a screen also accepts them as explicit `adapter` / `i18n` properties, which win.
 */
export const adapterContext = createContext<BackendAdapter | undefined>(Symbol('bk-adapter'));
export const i18nContext = createContext<i18n | undefined>(Symbol('bk-i18n'));
