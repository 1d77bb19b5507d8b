import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { MemoryAdapter } from '@broker-kit/core/adapter/memory.ts';
import { newUserCredentials } from '@broker-kit/core/adapter/memory-data.ts';
import './define.ts';
import type { BkKyc } from './kyc.ts';
import {
  button,
  expectAccessible,
  expectNoTokenInStorage,
  find,
  looks,
  mountScreen,
  returnUrl,
  setViewport,
  text,
  viewports,
  waitFor,
  type ScreenSetup,
} from '../inapp-shared/testing.ts';

const pngBytes = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);
const png = (name: string) => new File([pngBytes], name, { type: 'image/png' });
const pdf = (name: string) => new File(['%PDF-1.4\n'], name, { type: 'application/pdf' });

async function open(setup: ScreenSetup = {}) {
  const mounted = await mountScreen<BkKyc>('bk-kyc', 'kyc', setup);
  await waitFor(() => find(mounted.element, '[data-status]') ?? find(mounted.element, 'bk-alert[data-code]'));
  return mounted;
}

function field(element: Element, name: string) {
  return find<HTMLInputElement>(element, `bk-input[name="${name}"] input`)!;
}

const countryFields = ['nationality', 'country'];

/** Types into the text and date fields; picks the country pickers' option, as a choice in the list does. */
async function fill(element: Element, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    if (!countryFields.includes(name)) {
      await userEvent.fill(field(element, name), value);
      continue;
    }
    const select = find(element, `bk-select[name="${name}"]`) as HTMLElement & { value: string };
    select.value = value;
    select.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }
}

const day = 86_400_000;
const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/** A demo user's standard case, filled and submitted through the adapter (as the screen would). */
async function submittedCase(adapter: MemoryAdapter, passportExpiry = isoDay(Date.now() + 400 * day)) {
  await adapter.validateToken({ token: adapter.issueToken({ action: 'kyc' }) });
  await adapter.saveKycStep({
    step: 'personal',
    data: { firstName: 'Alex', lastName: 'Morgan', dateOfBirth: '1990-04-12', nationality: 'GB' },
  });
  await adapter.saveKycStep({
    step: 'address',
    data: { line1: '1 Market Street', city: 'London', postalCode: 'EC1A 1AA', country: 'GB' },
  });
  await adapter.uploadKycDocument({
    documentType: 'passport',
    file: png('passport.png'),
    fileName: 'passport.png',
    expiresOn: passportExpiry,
  });
  await adapter.uploadKycDocument({ documentType: 'proof_of_address', file: pdf('bill.pdf'), fileName: 'bill.pdf' });
  await adapter.submitKyc({ idempotencyKey: 'kyc-browser-0001' });
}

async function next(element: Element, step: string) {
  await userEvent.click(find(element, '[data-next]')!);
  await waitFor(() => find(element, 'bk-stepper')?.getAttribute('current') === step);
}

async function upload(element: Element, documentType: string, file: File) {
  // The upload field's code loads after the first step: wait for it as a user waits for the field to appear.
  const input = await waitFor(() =>
    find(element, `bk-file-drop[name="${documentType}"]`)?.shadowRoot?.querySelector('input'),
  );
  await userEvent.upload(input, file);
}

const address = { line1: '1 Market Street', city: 'London', postalCode: 'EC1A 1AA', country: 'GB' };

/** Waits until the backend holds the draft the screen sent (it goes once the user pauses). */
async function draftSaved(adapter: MemoryAdapter, values: Record<string, string>, step?: string) {
  await vi.waitFor(
    async () => {
      const draft = (await adapter.kycStatus({})).draft;
      expect(draft?.values).toMatchObject(values);
      if (step) expect(draft?.step).toBe(step);
    },
    { timeout: 15_000, interval: 50 },
  );
}

/** Nothing typed may wait in the browser's storage: not in web storage, not in IndexedDB. */
async function expectNotInBrowserStorage(...values: string[]) {
  const stored = [sessionStorage, localStorage].flatMap((storage) =>
    Object.keys(storage).flatMap((key) => [key, storage.getItem(key) ?? '']),
  );
  for (const value of values) expect(stored.filter((item) => item.includes(value))).toEqual([]);
  expect(await indexedDB.databases()).toEqual([]);
}

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});
afterEach(() => sessionStorage.clear());

describe('bk-kyc: the flow', () => {
  it('pre-fills from the session, saves each step, uploads checked documents and submits once', async () => {
    const { element, adapter, results, navigations } = await open();
    expect(find(element, 'bk-stepper')!.getAttribute('current')).toBe('personal');
    expect(field(element, 'firstName').value).toBe('Alex');
    await fill(element, { dateOfBirth: '1990-04-12' });
    await next(element, 'address');
    expect((await adapter.kycStatus({})).personal?.dateOfBirth).toBe('1990-04-12');

    await fill(element, address);
    await next(element, 'documents');
    expect((await adapter.kycStatus({})).address?.country).toBe('GB');
    expect(find(element, '[data-next]')!.hasAttribute('disabled')).toBe(true);

    // A file of the wrong type never reaches the backend.
    await upload(element, 'passport', new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' }));
    expect(text(find(element, 'bk-file-drop[name="passport"]'))).toContain('setup.exe');
    expect((await adapter.kycStatus({})).documents).toEqual([]);

    await upload(element, 'passport', png('passport.png'));
    await waitFor(() => text(element).includes('Uploaded: passport.png'));
    await upload(element, 'proof_of_address', pdf('bill.pdf'));
    await waitFor(() => text(element).includes('Uploaded: bill.pdf'));
    await next(element, 'review');
    expect(text(find(element, 'dl'))).toContain('1 Market Street');
    // Dates and countries as the language writes them: no raw ISO form where a display name is due.
    expect(text(find(element, '[data-field="dateOfBirth"]'))).toBe('April 12, 1990');
    expect(text(find(element, '[data-field="country"]'))).toBe('United Kingdom');
    expect(text(find(element, 'dl'))).not.toMatch(/\b(GB|1990-04-12)\b/);

    const submit = find(element, '[data-submit]')!;
    submit.click();
    submit.click();
    await waitFor(() => find(element, '[data-status="pending"]'));
    expect((await adapter.kycStatus({})).status).toBe('pending');
    expect(results).toEqual([{ action: 'kyc', status: 'success' }]);
    await userEvent.click(button(element, 'Back to the app'));
    expect(navigations).toEqual([`${returnUrl}?action=kyc&status=success`]);
  });

  it('a reload mid-step brings back what was typed from the backend, not from web storage; a timeout keeps it', async () => {
    const adapter = new MemoryAdapter();
    const token = adapter.issueToken({ action: 'kyc' });
    const first = await open({ adapter, token });
    await fill(first.element, { dateOfBirth: '1990-04-12', lastName: 'Morgan-Smith' });
    await draftSaved(adapter, { dateOfBirth: '1990-04-12', lastName: 'Morgan-Smith' }, 'personal');
    expectNoTokenInStorage(token);
    await expectNotInBrowserStorage('Morgan-Smith', '1990-04-12');
    first.element.remove();

    // A reload: the token is gone from the address bar and the tab's storage holds nothing of the form; the
    // session resumes from the backend, and so does the draft.
    sessionStorage.clear();
    const second = await open({ adapter, token: null });
    expect(field(second.element, 'lastName').value).toBe('Morgan-Smith');
    expect(field(second.element, 'dateOfBirth').value).toBe('1990-04-12');
    adapter.failNext('TIMEOUT');
    await userEvent.click(find(second.element, '[data-next]')!);
    await waitFor(() => find(second.element, 'bk-alert[data-code="TIMEOUT"]'));
    expect(text(find(second.element, 'bk-alert[data-code="TIMEOUT"]'))).toContain('What you entered is kept.');
    expect(field(second.element, 'lastName').value).toBe('Morgan-Smith');
    await userEvent.click(button(second.element, 'Try again'));
    await waitFor(() => find(second.element, 'bk-stepper')?.getAttribute('current') === 'address');
    expect((await adapter.kycStatus({})).personal?.lastName).toBe('Morgan-Smith');
  });

  it('resumes on the step the user was on, with the values of every step typed so far', async () => {
    const adapter = new MemoryAdapter();
    const first = await open({ adapter });
    await fill(first.element, { dateOfBirth: '1990-04-12' });
    await next(first.element, 'address');
    await fill(first.element, { city: 'Leeds' });
    await userEvent.click(button(first.element, 'Back'));
    await waitFor(() => find(first.element, 'bk-stepper')?.getAttribute('current') === 'personal');
    await fill(first.element, { lastName: 'Morgan-Smith' });
    await draftSaved(adapter, { lastName: 'Morgan-Smith', city: 'Leeds' }, 'personal');
    first.element.remove();

    const second = await open({ adapter, token: null });
    expect(find(second.element, 'bk-stepper')!.getAttribute('current')).toBe('personal');
    expect(field(second.element, 'lastName').value).toBe('Morgan-Smith');
    await next(second.element, 'address');
    expect(field(second.element, 'city').value).toBe('Leeds');
    expect((await adapter.kycStatus({})).personal?.lastName).toBe('Morgan-Smith');
  });

  it("a second user's session in the same tab never sees the first user's draft", async () => {
    const adapter = new MemoryAdapter();
    const first = await open({ adapter });
    await fill(first.element, { dateOfBirth: '1990-04-12', lastName: 'Morgan-Smith' });
    await draftSaved(adapter, { lastName: 'Morgan-Smith' });
    first.element.remove();

    const other = await open({
      adapter,
      token: adapter.issueToken({ action: 'kyc', email: newUserCredentials.email }),
    });
    expect(field(other.element, 'firstName').value).toBe('Sam');
    expect(field(other.element, 'lastName').value).toBe('Lee');
    expect(field(other.element, 'dateOfBirth').value).toBe('');
    expect(text(other.element)).not.toContain('Morgan-Smith');
    expect((await adapter.kycStatus({})).draft).toBeUndefined();
    await fill(other.element, { lastName: 'Lee-Other' });
    await draftSaved(adapter, { lastName: 'Lee-Other' });
    await expectNotInBrowserStorage('Morgan-Smith', 'Lee-Other', '1990-04-12');
    other.element.remove();

    // The first user's draft is still theirs when they come back.
    const again = await open({ adapter });
    expect(field(again.element, 'lastName').value).toBe('Morgan-Smith');
    expect(field(again.element, 'dateOfBirth').value).toBe('1990-04-12');
  });

  it('a failed upload says the details are kept but the file must be chosen again; retry sends it', async () => {
    const adapter = new MemoryAdapter();
    const { element } = await open({ adapter, kycType: 'enhanced' });
    expect(find(element, 'bk-stepper')!.getAttribute('current')).toBe('documents');
    adapter.failNext('NETWORK_ERROR');
    await upload(element, 'selfie', png('selfie.png'));
    const alert = await waitFor(() => find(element, 'bk-alert[data-code="NETWORK_ERROR"]'));
    expect(text(alert)).toContain('Your details are kept. The file was not uploaded');
    await userEvent.click(find(element, '[data-retry]')!);
    await waitFor(() => text(element).includes('Uploaded: selfie.png'));
    expect((await adapter.kycStatus({ kycType: 'enhanced' })).documents.map((doc) => doc.fileName)).toEqual([
      'utility-bill.pdf',
      'selfie.png',
    ]);
  });

  it('shows the problems the backend finds next to their fields', async () => {
    const { element } = await open();
    await fill(element, { firstName: 'R2-D2', dateOfBirth: '1990-04-12' });
    await userEvent.click(find(element, '[data-next]')!);
    await waitFor(() => find(element, 'bk-input[name="firstName"]')!.getAttribute('error'));
    expect(find(element, 'bk-input[name="firstName"]')!.getAttribute('error')).toBe(
      'Check this field: it is not valid.',
    );
    expect(find(element, 'bk-stepper')!.getAttribute('current')).toBe('personal');
  });

  it('checks the age against the broker minimum, dates in the past and countries from the picker', async () => {
    const { element, adapter } = await open();
    const error = (name: string) => find(element, `[name="${name}"]`)!.getAttribute('error');
    const eighteenYearsAgo = new Date();
    eighteenYearsAgo.setUTCFullYear(eighteenYearsAgo.getUTCFullYear() - 18);
    await fill(element, { dateOfBirth: isoDay(eighteenYearsAgo.getTime() + day) });
    await userEvent.click(find(element, '[data-next]')!);
    expect(error('dateOfBirth')).toBe('You must be at least 18 years old.');
    await fill(element, { dateOfBirth: isoDay(Date.now() + 2 * day), nationality: 'XX' });
    await userEvent.click(find(element, '[data-next]')!);
    expect(error('dateOfBirth')).toBe('This date cannot be in the future.');
    expect(error('nationality')).toBe('Choose a country from the list.');
    expect((await adapter.kycStatus({})).personal).toBeUndefined();
    // The picker names the countries in the screen's language.
    const options = (
      find(element, 'bk-select[name="nationality"]') as HTMLElement & { options: { value: string; label: string }[] }
    ).options;
    expect(options.find((option) => option.value === 'DE')?.label).toBe('Germany');
    await fill(element, { dateOfBirth: isoDay(eighteenYearsAgo.getTime()), nationality: 'DE' });
    await next(element, 'address');
    expect((await adapter.kycStatus({})).personal?.nationality).toBe('DE');
  });

  it('asks for the expiry date of an identity document and shows it in the language', async () => {
    const { element, adapter } = await open({ language: 'de' });
    await fill(element, { dateOfBirth: '1990-04-12' });
    await next(element, 'address');
    await fill(element, address);
    await next(element, 'documents');
    await userEvent.fill(field(element, 'expiresOn-passport'), isoDay(Date.now() - day));
    await upload(element, 'passport', png('passport.png'));
    await waitFor(() => find(element, 'bk-input[name="expiresOn-passport"]')!.getAttribute('error'));
    expect(find(element, 'bk-input[name="expiresOn-passport"]')!.getAttribute('error')).toBe(
      'Dieses Datum muss nach dem heutigen Tag liegen.',
    );
    expect((await adapter.kycStatus({})).documents).toEqual([]);
    await userEvent.fill(field(element, 'expiresOn-passport'), '2031-05-17');
    await upload(element, 'passport', png('passport.png'));
    await waitFor(() => find(element, '[data-document="passport"] [data-expires]'));
    expect(text(find(element, '[data-document="passport"] [data-expires]'))).toBe('Gültig bis 17. Mai 2031');
    expect((await adapter.kycStatus({})).documents[0]?.expiresOn).toBe('2031-05-17');
  });
});

describe('bk-kyc: resumes from the status', () => {
  it('resubmission requested (kycType=enhanced): shows the reasons and resumes at the documents', async () => {
    const { element } = await open({ kycType: 'enhanced', language: 'de' });
    expect(find(element, '[data-status="resubmission_requested"]')).not.toBeNull();
    expect(text(find(element, '[data-reasons]'))).toContain('Das Foto Ihres Reisepasses ist unscharf');
    expect(text(find(element, '[data-corrections]'))).toContain('Selfie');
    expect(find(element, 'bk-stepper')!.getAttribute('current')).toBe('documents');
    expect(find(element, 'bk-file-drop[name="selfie"]')).not.toBeNull();
  });

  it('approved shows that the case is done and reports success (pending: see the flow above)', async () => {
    const adapter = new MemoryAdapter();
    await adapter.reviewKyc('standard', 'approved');
    const { element, results } = await open({ adapter });
    expect(text(find(element, '[data-status="approved"]'))).toContain('You are verified');
    expect(find(element, 'bk-stepper')).toBeNull();
    expect(results).toEqual([{ action: 'kyc', status: 'success' }]);
  });

  it('rejected: lists the reasons and lets the user start again', async () => {
    const adapter = new MemoryAdapter();
    await adapter.reviewKyc('standard', 'rejected', [{ en: 'The document has expired.' }]);
    const { element } = await open({ adapter });
    expect(text(find(element, '[data-reasons]'))).toBe('The document has expired.');
    await userEvent.click(button(element, 'Start again'));
    await waitFor(() => find(element, 'bk-stepper'));
    expect(find(element, 'bk-stepper')!.getAttribute('current')).toBe('personal');
  });

  it('rejected with reasons per field and document: read in the language, only those corrected and resubmitted', async () => {
    const adapter = new MemoryAdapter();
    await submittedCase(adapter);
    await adapter.reviewKyc('standard', 'rejected', ['Please correct these two things.'], undefined, [
      { item: 'dateOfBirth', reason: 'mismatch' },
      { item: 'passport', reason: 'unreadable', note: 'Glare over the photo' },
    ]);
    const german = await open({ adapter, language: 'de' });
    const corrections = text(find(german.element, '[data-corrections]'));
    expect(corrections).toContain('Geburtsdatum: Es passt nicht zu Ihren übrigen Angaben.');
    expect(corrections).toContain('Reisepass oder Personalausweis: Es ist nicht deutlich lesbar.');
    expect(corrections).toContain('Glare over the photo');
    expect(corrections).toContain('Please correct these two things.');
    german.element.remove();

    const { element } = await open({ adapter });
    expect(find(element, 'bk-stepper')!.getAttribute('current')).toBe('personal');
    // Only what the review named: the birth date, not the other fields.
    expect(find(element, 'bk-input[name="dateOfBirth"]')).not.toBeNull();
    expect(find(element, 'bk-input[name="firstName"]')).toBeNull();
    expect(find(element, 'bk-select[name="nationality"]')).toBeNull();
    await expectAccessible(element);
    await fill(element, { dateOfBirth: '1990-04-13' });
    await next(element, 'documents');
    expect(element.shadowRoot!.querySelectorAll('[data-document]')).toHaveLength(1);
    await userEvent.fill(field(element, 'expiresOn-passport'), isoDay(Date.now() + 500 * day));
    await upload(element, 'passport', png('passport-sharp.png'));
    await waitFor(() => find(element, '[data-correction="passport"][data-done="true"]'));
    await next(element, 'review');
    await userEvent.click(find(element, '[data-submit]')!);
    await waitFor(() => find(element, '[data-status="pending"]'));
    const status = await adapter.kycStatus({});
    expect(status.personal?.dateOfBirth).toBe('1990-04-13');
    expect(status.documents.map((document) => document.fileName)).toEqual(['bill.pdf', 'passport-sharp.png']);
  });

  it('an approval whose document has expired is due again: the trader renews it', async () => {
    const clock = { now: Date.now() };
    const adapter = new MemoryAdapter({ now: () => clock.now });
    await submittedCase(adapter, isoDay(clock.now + 10 * day));
    await adapter.reviewKyc('standard', 'approved');
    const approved = await open({ adapter });
    expect(text(find(approved.element, '[data-valid-until]'))).toContain('Your verification is valid until');
    approved.element.remove();

    clock.now += 12 * day;
    const { element, results } = await open({ adapter });
    expect(text(find(element, '[data-status="due"]'))).toContain('A document you gave us has expired.');
    expect(results).toEqual([]);
    await expectAccessible(element);
    await userEvent.click(button(element, 'Renew verification'));
    await waitFor(() => find(element, 'bk-stepper')?.getAttribute('current') === 'documents');
    await userEvent.fill(field(element, 'expiresOn-passport'), isoDay(clock.now + 900 * day));
    await upload(element, 'passport', png('passport-new.png'));
    await waitFor(() => find(element, '[data-correction="passport"][data-done="true"]'));
    await next(element, 'review');
    await userEvent.click(find(element, '[data-submit]')!);
    await waitFor(() => find(element, '[data-status="pending"]'));
  });

  it('a token error shows its explanation and the way back', async () => {
    const { element } = await open({ token: 'used-or-unknown-token-value' });
    expect(text(find(element, 'bk-alert[data-code="INVALID_OT_TOKEN"]'))).toContain('This link can no longer be used');
  });
});

describe('bk-kyc: accessibility', () => {
  const steps = (element: Element) => find(element, 'bk-stepper')?.getAttribute('current');

  for (const viewport of viewports)
    for (const look of looks) {
      const where = `${viewport.name} width, ${look.theme}, ${look.language}`;

      it(`every step, review, the error alert and pending have no axe violations at ${where}`, async () => {
        await setViewport(viewport.width, viewport.height);
        const { element, adapter } = await open({ theme: look.theme, language: look.language });
        if (look.language === 'ar') expect(find(element, 'bk-screen')!.getAttribute('dir')).toBe('rtl');
        expect(steps(element)).toBe('personal');
        await expectAccessible(element);
        await fill(element, { dateOfBirth: '1990-04-12' });
        await next(element, 'address');
        await expectAccessible(element);
        await fill(element, address);
        await next(element, 'documents');
        await expectAccessible(element);
        await upload(element, 'passport', png('passport.png'));
        await waitFor(() => (find(element, '[data-document="passport"] [data-uploaded]') ? true : undefined));
        await upload(element, 'proof_of_address', pdf('bill.pdf'));
        await waitFor(() => (find(element, '[data-document="proof_of_address"] [data-uploaded]') ? true : undefined));
        await expectAccessible(element);
        await next(element, 'review');
        await expectAccessible(element);
        adapter.failNext('NETWORK_ERROR');
        await userEvent.click(find(element, '[data-submit]')!);
        await waitFor(() => find(element, 'bk-alert[data-code="NETWORK_ERROR"]'));
        await expectAccessible(element);
        await userEvent.click(find(element, '[data-retry]')!);
        await waitFor(() => find(element, '[data-status="pending"]'));
        await expectAccessible(element);
      });

      it(`approved, rejected with reasons, resubmission requested and a token error have no axe violations at ${where}`, async () => {
        await setViewport(viewport.width, viewport.height);
        const setup = { theme: look.theme, language: look.language } as const;
        const reasons = [{ en: 'The document has expired.', ar: 'انتهت صلاحية المستند.' }, 'Name mismatch.'];

        const approved = new MemoryAdapter();
        await approved.reviewKyc('standard', 'approved');
        const a = await open({ ...setup, adapter: approved });
        expect(find(a.element, '[data-status="approved"]')).not.toBeNull();
        await expectAccessible(a.element);

        const rejected = new MemoryAdapter();
        await rejected.reviewKyc('standard', 'rejected', reasons);
        const r = await open({ ...setup, adapter: rejected });
        expect(find(r.element, '[data-reasons]')!.querySelectorAll('li')).toHaveLength(2);
        await expectAccessible(r.element);

        const resubmit = await open({ ...setup, kycType: 'enhanced' });
        expect(find(resubmit.element, '[data-status="resubmission_requested"] [data-reasons]')).not.toBeNull();
        expect(steps(resubmit.element)).toBe('documents');
        await expectAccessible(resubmit.element);

        const refused = await open({ ...setup, token: 'used-or-unknown-token-value' });
        expect(find(refused.element, 'bk-alert[data-code="INVALID_OT_TOKEN"]')).not.toBeNull();
        await expectAccessible(refused.element);
      });
    }
});
