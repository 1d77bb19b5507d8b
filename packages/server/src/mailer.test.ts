import { describe, expect, it } from 'vitest';
import { languages } from '@broker-kit/core/i18n/languages.ts';
import { passwordResetMail } from './mailer.ts';

const mail = (language: (typeof languages)[number], minutes: number) =>
  passwordResetMail({
    to: 'someone@example.com',
    language,
    publicUrl: 'https://broker.example',
    token: 'T'.repeat(43),
    minutes,
    brokerName: 'Test Broker',
  });

describe('passwordResetMail', () => {
  it('words the lifetime with the plural form of the language', () => {
    expect(mail('en', 1).text).toContain('within 1 minute:');
    expect(mail('en', 30).text).toContain('within 30 minutes:');
    expect(mail('ru', 1).text).toContain('в течение 1 минуты');
    expect(mail('ru', 2).text).toContain('в течение 2 минут');
    expect(mail('ru', 21).text).toContain('в течение 21 минуты');
    expect(mail('pl', 2).text).toContain('w ciągu 2 minut');
    expect(mail('pl', 5).text).toContain('w ciągu 5 minut');
    expect(mail('cs', 1).text).toContain('do 1 minuty');
    expect(mail('ar', 2).text).toContain('2 دقيقتين');
    expect(mail('ar', 5).text).toContain('5 دقائق');
    expect(mail('sl', 1).text).toContain('v 1 minuti');
  });

  it('fills every value in all 23 languages, and carries the link on a line of its own', () => {
    for (const language of languages) {
      const { subject, text } = mail(language, 15);
      expect(subject, language).toContain('Test Broker');
      expect(`${subject}\n${text}`, language).not.toMatch(/\{\{|\}\}|\$t\(/);
      expect(text, language).toContain('15');
      expect(text.split('\n'), language).toContain(
        `https://broker.example/account/password-reset?lang=${language}&token=${'T'.repeat(43)}`,
      );
    }
  });
});
