import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { MemoryAdapter } from '@broker-kit/core/adapter/memory.ts';
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

async function fill(element: Element, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) await userEvent.fill(field(element, name), value);
}

async function next(element: Element, step: string) {
  await userEvent.click(find(element, '[data-next]')!);
  await waitFor(() => find(element, 'bk-stepper')?.getAttribute('current') === step);
}

async function upload(element: Element, documentType: string, file: File) {
  const drop = find(element, `bk-file-drop[name="${documentType}"]`)!;
  await userEvent.upload(drop.shadowRoot!.querySelector('input')!, file);
}

const address = { line1: '1 Market Street', city: 'London', postalCode: 'EC1A 1AA', country: 'gb' };

beforeEach(() => sessionStorage.clear());
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

    const submit = find(element, '[data-submit]')!;
    submit.click();
    submit.click();
    await waitFor(() => find(element, '[data-status="pending"]'));
    expect((await adapter.kycStatus({})).status).toBe('pending');
    expect(results).toEqual([{ action: 'kyc', status: 'success' }]);
    await userEvent.click(button(element, 'Back to the app'));
    expect(navigations).toEqual([`${returnUrl}?action=kyc&status=success`]);
  });

  it('a reload mid-step restores what was typed (never the token), and a timeout keeps it too', async () => {
    const adapter = new MemoryAdapter();
    const token = adapter.issueToken({ action: 'kyc' });
    const first = await open({ adapter, token });
    await fill(first.element, { dateOfBirth: '1990-04-12', lastName: 'Morgan-Smith' });
    expectNoTokenInStorage(token);
    first.element.remove();

    const second = await open({ adapter });
    expect(field(second.element, 'lastName').value).toBe('Morgan-Smith');
    expect(field(second.element, 'dateOfBirth').value).toBe('1990-04-12');
    adapter.failNext('TIMEOUT');
    await userEvent.click(find(second.element, '[data-next]')!);
    await waitFor(() => find(second.element, 'bk-alert[data-code="TIMEOUT"]'));
    expect(field(second.element, 'lastName').value).toBe('Morgan-Smith');
    await userEvent.click(button(second.element, 'Try again'));
    await waitFor(() => find(second.element, 'bk-stepper')?.getAttribute('current') === 'address');
    expect((await adapter.kycStatus({})).personal?.lastName).toBe('Morgan-Smith');
  });

  it('shows the problems the backend finds next to their fields', async () => {
    const { element } = await open();
    await fill(element, { dateOfBirth: '2020-01-01' });
    await userEvent.click(find(element, '[data-next]')!);
    await waitFor(() => find(element, 'bk-input[name="dateOfBirth"]')!.getAttribute('error'));
    expect(find(element, 'bk-input[name="dateOfBirth"]')!.getAttribute('error')).toBe(
      'Check this field: it is not valid.',
    );
    expect(find(element, 'bk-stepper')!.getAttribute('current')).toBe('personal');
  });
});

describe('bk-kyc: resumes from the status', () => {
  it('resubmission requested (kycType=enhanced): shows the reasons and resumes at the documents', async () => {
    const { element } = await open({ kycType: 'enhanced', language: 'de' });
    expect(find(element, '[data-status="resubmission_requested"]')).not.toBeNull();
    expect(text(find(element, '[data-reasons]'))).toContain('Das Foto Ihres Reisepasses ist unscharf');
    expect(find(element, 'bk-stepper')!.getAttribute('current')).toBe('documents');
    expect(find(element, 'bk-file-drop[name="selfie"]')).not.toBeNull();
  });

  it('approved shows that the case is done and reports success (pending: see the flow above)', async () => {
    const adapter = new MemoryAdapter();
    adapter.reviewKyc('standard', 'approved');
    const { element, results } = await open({ adapter });
    expect(text(find(element, '[data-status="approved"]'))).toContain('You are verified');
    expect(find(element, 'bk-stepper')).toBeNull();
    expect(results).toEqual([{ action: 'kyc', status: 'success' }]);
  });

  it('rejected: lists the reasons and lets the user start again', async () => {
    const adapter = new MemoryAdapter();
    adapter.reviewKyc('standard', 'rejected', [{ en: 'The document has expired.' }]);
    const { element } = await open({ adapter });
    expect(text(find(element, '[data-reasons]'))).toBe('The document has expired.');
    await userEvent.click(button(element, 'Start again'));
    await waitFor(() => find(element, 'bk-stepper'));
    expect(find(element, 'bk-stepper')!.getAttribute('current')).toBe('personal');
  });

  it('a token error shows its explanation and the way back', async () => {
    const { element } = await open({ token: 'used-or-unknown-token-value' });
    expect(text(find(element, 'bk-alert[data-code="INVALID_OT_TOKEN"]'))).toContain('This link can no longer be used');
  });
});

describe('bk-kyc: accessibility', () => {
  for (const viewport of viewports)
    for (const look of looks)
      it(`has no axe violations at ${viewport.name} width, ${look.theme}, ${look.language}`, async () => {
        await setViewport(viewport.width, viewport.height);
        const { element } = await open({ theme: look.theme, language: look.language, kycType: 'enhanced' });
        expect(find(element, 'bk-stepper')!.getAttribute('current')).toBe('documents');
        await expectAccessible(element);
        await userEvent.click(find(element, '.bk-actions bk-button[variant="secondary"]')!);
        await waitFor(() => find(element, 'bk-stepper')?.getAttribute('current') === 'address');
        await expectAccessible(element);
      });
});
