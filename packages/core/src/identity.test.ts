import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createI18n } from './i18n/i18n.ts';
import {
  checkCompatibility,
  compatibilityTable,
  featureModuleLabels,
  featureModules,
  identityModeLabels,
  identityModes,
  type FeatureModule,
} from './identity.ts';

// The table as seed 000 prints it; used when the seed file is not on this machine.
const inlineSeedTable = `| Feature module | SSO user creation and authorisation | One-time token handoff |
|---|---|---|
| Embedded cTrader web | Compatible | Not compatible |
| In-app deposit/withdrawal | Compatible | Compatible |
| In-app KYC | Compatible | Compatible |
| In-app generic action/chat | Compatible | Compatible |
| In-app ribbons | Compatible | Not compatible |
| cTrader Invite | Compatible | Compatible |
| Identity only (no feature module) | Compatible | Compatible with limitations |`;

const seedPath = new URL('../../../../shared/seeds/000_59f08c4c6bbfd0ce.txt', import.meta.url);
const seedText = existsSync(seedPath) ? readFileSync(seedPath, 'utf8') : inlineSeedTable;
const tableRows = seedText
  .split('\n')
  .filter((line) => line.startsWith('|') && !line.startsWith('|---'))
  .map((line) =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );
const [header, ...rows] = tableRows;
const cellValue = (cell: string) => cell.toLowerCase().replaceAll(' ', '-');

describe('compatibility table', () => {
  it('has the columns of seed 000', () => {
    expect(header).toEqual(['Feature module', identityModeLabels.sso, identityModeLabels['ot-handoff']]);
  });

  it('has exactly the rows of seed 000, in its order', () => {
    expect(rows.map((row) => row[0])).toEqual(featureModules.map((module) => featureModuleLabels[module]));
  });

  it.each(rows)('matches seed 000 cell for cell: %s', (label, sso, handoff) => {
    const module = featureModules.find((m) => featureModuleLabels[m] === label) as FeatureModule;
    expect(compatibilityTable[module]).toEqual({ sso: cellValue(sso!), 'ot-handoff': cellValue(handoff!) });
  });
});

describe('checkCompatibility', () => {
  it('accepts every module under SSO', () => {
    expect(checkCompatibility('sso', [...featureModules])).toEqual({ ok: true, errors: [], warnings: [] });
  });

  it('rejects embedded web and ribbons under handoff, naming module, mode and the way out', () => {
    const result = checkCompatibility('ot-handoff', ['deposit-withdrawal', 'embedded-web', 'ribbons', 'kyc']);
    expect(result.ok).toBe(false);
    expect(result.errors.map((error) => error.module)).toEqual(['embedded-web', 'ribbons']);
    for (const error of result.errors) {
      expect(error.mode).toBe('ot-handoff');
      expect(error.key).toBe(`errors:compatibility.notCompatible.${error.module}`);
      expect(error.message).toContain(featureModuleLabels[error.module]);
      expect(error.message).toContain(identityModeLabels['ot-handoff']);
      expect(error.message).toContain(`Migrate to ${identityModeLabels.sso}`);
    }
  });

  it('passes identity only under handoff with the eight limitations of seed 001 as warnings', () => {
    for (const modules of [[], ['identity-only']] as FeatureModule[][]) {
      const result = checkCompatibility('ot-handoff', modules);
      expect(result.ok).toBe(true);
      expect(result.warnings.map((warning) => warning.message.split(':')[0])).toEqual([
        'No broker identity',
        'Limited user management',
        'Reduced control',
        'Session dependency',
        'No automatic re-login',
        'Limited partner attribution',
        'Reduced analytics',
        'No unified branding',
      ]);
    }
    expect(checkCompatibility('ot-handoff', ['kyc']).warnings).toEqual([]);
  });

  it('gives English messages equal to the English translations of their keys', async () => {
    const i18n = await createI18n({ language: 'en' });
    for (const mode of identityModes) {
      for (const module of featureModules) {
        const { errors, warnings } = checkCompatibility(mode, [module]);
        for (const message of [...errors, ...warnings])
          expect(i18n.t(message.key, message.params)).toBe(message.message);
      }
    }
  });
});
