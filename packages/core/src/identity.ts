/** The two identity options: SSO (seed 002, the broker owns identity) and one-time token handoff (seed 001). */
export const identityModes = ['sso', 'ot-handoff'] as const;
export type IdentityMode = (typeof identityModes)[number];

/** The feature modules of seed 000, in its order. `identity-only` means "no feature module". */
export const featureModules = [
  'embedded-web',
  'deposit-withdrawal',
  'kyc',
  'action-chat',
  'ribbons',
  'invite',
  'identity-only',
] as const;
export type FeatureModule = (typeof featureModules)[number];

export const compatibilityValues = ['compatible', 'not-compatible', 'compatible-with-limitations'] as const;
export type Compatibility = (typeof compatibilityValues)[number];

/** English names exactly as seed 000 prints them (logs and start-up errors; screens name a module by `hosted:modules.*`). */
export const identityModeLabels: Record<IdentityMode, string> = {
  sso: 'SSO user creation and authorisation',
  'ot-handoff': 'One-time token handoff',
};
export const featureModuleLabels: Record<FeatureModule, string> = {
  'embedded-web': 'Embedded cTrader web',
  'deposit-withdrawal': 'In-app deposit/withdrawal',
  kyc: 'In-app KYC',
  'action-chat': 'In-app generic action/chat',
  ribbons: 'In-app ribbons',
  invite: 'cTrader Invite',
  'identity-only': 'Identity only (no feature module)',
};

/** Seed 000's module compatibility table, cell for cell. */
export const compatibilityTable: Readonly<Record<FeatureModule, Readonly<Record<IdentityMode, Compatibility>>>> = {
  'embedded-web': { sso: 'compatible', 'ot-handoff': 'not-compatible' },
  'deposit-withdrawal': { sso: 'compatible', 'ot-handoff': 'compatible' },
  kyc: { sso: 'compatible', 'ot-handoff': 'compatible' },
  'action-chat': { sso: 'compatible', 'ot-handoff': 'compatible' },
  ribbons: { sso: 'compatible', 'ot-handoff': 'not-compatible' },
  invite: { sso: 'compatible', 'ot-handoff': 'compatible' },
  'identity-only': { sso: 'compatible', 'ot-handoff': 'compatible-with-limitations' },
};

/** The limitations of one-time token handoff (seed 001, "Limitations"), keys of `errors:compatibility.limitations`. */
export const handoffLimitations = {
  noBrokerIdentity: 'No broker identity: the platform remains the primary identity provider.',
  limitedUserManagement: 'Limited user management: no broker-owned user accounts.',
  reducedControl: 'Reduced control: limited broker control over authentication.',
  sessionDependency: 'Session dependency: relies on the platform session being valid.',
  noAutoReLogin: 'No automatic re-login: users authenticate in the platform each time.',
  limitedPartnerAttribution: 'Limited partner attribution: no comprehensive partner tracking.',
  reducedAnalytics: 'Reduced analytics: limited user journey tracking.',
  noUnifiedBranding: "No unified branding: the platform's branding remains primary.",
} as const;

/** A message for a person: an i18n key with its params for screens, and the English text for logs. */
export interface CompatibilityMessage {
  module: FeatureModule;
  mode: IdentityMode;
  key: string;
  params: { module: FeatureModule; mode: IdentityMode };
  message: string;
}

export interface CompatibilityResult {
  ok: boolean;
  errors: CompatibilityMessage[];
  warnings: CompatibilityMessage[];
}

/**
 * Checks a module set against seed 000's table. An incompatible module is an error naming the module, the
 * mode and the way out; identity only under handoff passes with one warning per limitation of seed 001.
 * An empty set (or only `identity-only`) is the identity-only row.
 */
export function checkCompatibility(mode: IdentityMode, modules: readonly FeatureModule[]): CompatibilityResult {
  const features = [...new Set(modules)].filter((module) => module !== 'identity-only');
  const rows: FeatureModule[] = features.length > 0 ? features : ['identity-only'];
  const errors: CompatibilityMessage[] = [];
  const warnings: CompatibilityMessage[] = [];
  for (const module of rows) {
    const params = { module, mode };
    const cell = compatibilityTable[module][mode];
    if (cell === 'not-compatible') {
      errors.push({
        module,
        mode,
        // One whole sentence per module: a name spliced into a sentence breaks case and agreement.
        key: `errors:compatibility.notCompatible.${module}`,
        params,
        message:
          `${featureModuleLabels[module]} is not compatible with ${identityModeLabels[mode]}. ` +
          `Migrate to ${identityModeLabels.sso} to use it, or disable the module.`,
      });
    } else if (cell === 'compatible-with-limitations') {
      for (const [limitation, message] of Object.entries(handoffLimitations)) {
        warnings.push({ module, mode, key: `errors:compatibility.limitations.${limitation}`, params, message });
      }
    }
  }
  return { ok: errors.length === 0, errors, warnings };
}
