// The KYC screen inside the webview, as a trader fills it: the personal and address steps (countries from the
// pickers), documents with their expiry date, review and submission.
import { expect, type FrameLocator } from '@playwright/test';

export const png = {
  mimeType: 'image/png',
  buffer: Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'),
};

export class KycScreen {
  constructor(readonly frame: FrameLocator) {}

  async chooseCountry(label: string, country: string) {
    await this.frame.getByRole('combobox', { name: label, exact: true }).click();
    await this.frame.getByRole('option', { name: country, exact: true }).click();
  }

  async savePersonal(values: { firstName?: string; lastName?: string; dateOfBirth: string; nationality: string }) {
    const f = this.frame;
    if (values.firstName !== undefined) await f.getByLabel('First name').fill(values.firstName);
    if (values.lastName !== undefined) await f.getByLabel('Last name').fill(values.lastName);
    await f.getByLabel('Date of birth').fill(values.dateOfBirth);
    await this.chooseCountry('Nationality', values.nationality);
    await f.getByRole('button', { name: 'Save and continue' }).click();
  }

  async saveAddress(values: { line1: string; city: string; postalCode: string; country: string }) {
    const f = this.frame;
    await f.getByLabel('Address', { exact: true }).fill(values.line1);
    await f.getByLabel('City').fill(values.city);
    await f.getByLabel('Postal code').fill(values.postalCode);
    await this.chooseCountry('Country', values.country);
    await f.getByRole('button', { name: 'Save and continue' }).click();
  }

  /** Uploads a document into the field labelled `label` (its expiry date first, for an identity document). */
  async upload(label: string, name: string, expiresOn?: string) {
    const field = this.frame.locator('[data-document]').filter({ has: this.frame.getByText(label, { exact: true }) });
    if (expiresOn) await field.getByLabel(/Expiry date/).fill(expiresOn);
    await field.locator('input[type="file"]').setInputFiles({ name, ...png });
    await expect(this.frame.getByText(`Uploaded: ${name}`)).toBeVisible();
  }

  async submit() {
    await this.frame.getByRole('button', { name: 'Continue' }).click();
    await this.frame.getByRole('button', { name: 'Submit for review' }).click();
    await expect(this.frame.getByText('We are reviewing your documents')).toBeVisible();
  }
}

/** A calendar day `days` from today, YYYY-MM-DD. */
export const dayFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
