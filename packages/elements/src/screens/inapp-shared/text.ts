import type { LocalizedText } from '@broker-kit/core';

/** Broker-supplied text in the screen's language: its own entry, else English, else the first one given. */
export function localizedText(text: LocalizedText | undefined, language: string): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[language] ?? text.en ?? Object.values(text)[0] ?? '';
}
