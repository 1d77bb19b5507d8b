import { countryCodes, countryName, intlLocale } from '@broker-kit/core';

export { countryCodes, isCountryCode } from '@broker-kit/core';

/** Options for a country select (signup's country, KYC's nationality and country), named and sorted in `language`. */
export function countryOptions(language: string): { value: string; label: string }[] {
  const collator = new Intl.Collator(intlLocale(language));
  return countryCodes
    .map((code) => ({ value: code, label: countryName(code, language) }))
    .sort((a, b) => collator.compare(a.label, b.label));
}
