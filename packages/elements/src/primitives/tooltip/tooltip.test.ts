import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { html } from 'lit';
import './define.ts';
import { axeSettings, expectNoAxeViolations, mount, settle } from '../testing.ts';
import type { BkTooltip } from './tooltip.ts';
import { tooltipGap } from './tooltip.styles.ts';

const longText = 'Your trading account number, as shown in the platform under Account › Details';
/** Sub-pixel tolerance for layout comparisons. */
const epsilon = 0.5;

function bubbleOf(tooltip: BkTooltip) {
  return tooltip.shadowRoot!.querySelector<HTMLElement>('[part="base"]')!;
}

/** Resolves with the bubble's box once @floating-ui/dom has placed it and its fade-in has ended. */
async function placed(tooltip: BkTooltip) {
  const bubble = bubbleOf(tooltip);
  await expect.poll(() => bubble.dataset.placement).toBeTruthy();
  await Promise.all(bubble.getAnimations().map((animation) => animation.finished));
  return { bubble, side: bubble.dataset.placement, box: bubble.getBoundingClientRect() };
}

/** Mounts one tooltip around a button, the button fixed at `position` (CSS inset declarations) in the viewport. */
async function mountAt(position: string, { dir = 'ltr' as 'ltr' | 'rtl', placement = 'top', content = longText } = {}) {
  const host = await mount(
    html`<div style="position: fixed; ${position}">
      <bk-tooltip placement=${placement} content=${content}><button>Info</button></bk-tooltip>
    </div>`,
    { dir },
  );
  const tooltip = host.querySelector('bk-tooltip')!;
  const button = host.querySelector('button')!;
  button.focus();
  await settle(host);
  return { host, tooltip, button, anchor: button.getBoundingClientRect() };
}

describe('bk-tooltip', () => {
  describe('accessibility', () => {
    for (const settings of axeSettings) {
      it(`has no axe violations while showing (${settings.theme}, ${settings.dir})`, async () => {
        const host = await mount(
          html`<p style="padding-top: 3rem">
            <bk-tooltip content="Your trading account number"><button>?</button></bk-tooltip>
          </p>`,
          settings,
        );
        host.querySelector('button')!.focus();
        await settle(host);
        const { bubble } = await placed(host.querySelector('bk-tooltip')!);
        expect(bubble.hidden).toBe(false);
        await expectNoAxeViolations(host);
      });
    }

    it('describes the wrapped element for screen readers, following the text', async () => {
      const host = await mount(html`<bk-tooltip content="Help text"><button>Info</button></bk-tooltip>`);
      const button = host.querySelector('button')!;
      expect(button.getAttribute('aria-description')).toBe('Help text');
      const tooltip = host.querySelector('bk-tooltip')!;
      tooltip.content = 'Other help';
      await settle(host);
      expect(button.getAttribute('aria-description')).toBe('Other help');
      tooltip.content = '';
      await settle(host);
      expect(button.hasAttribute('aria-description')).toBe(false);
    });
  });

  describe('keyboard', () => {
    it('shows on focus and hover, hides on Escape and blur', async () => {
      const host = await mount(
        html`<bk-tooltip content="Help text"><button>Info</button></bk-tooltip><button>Next</button>`,
      );
      const bubble = bubbleOf(host.querySelector('bk-tooltip')!);
      await userEvent.tab();
      await settle(host);
      expect(bubble.hidden).toBe(false);
      await userEvent.keyboard('{Escape}');
      await settle(host);
      expect(bubble.hidden).toBe(true);
      await userEvent.hover(page.getByRole('button', { name: 'Info' }));
      await settle(host);
      expect(bubble.hidden).toBe(false);
      await userEvent.unhover(page.getByRole('button', { name: 'Info' }));
      await userEvent.tab();
      await settle(host);
      expect(bubble.hidden).toBe(true);
    });

    it('hides with Escape when shown by hover while focus is elsewhere, and keeps Escape for the page', async () => {
      const host = await mount(
        html`<input aria-label="Name" /><bk-tooltip content="Help text"><button>Info</button></bk-tooltip>`,
      );
      const bubble = bubbleOf(host.querySelector('bk-tooltip')!);
      host.querySelector('input')!.focus();
      await userEvent.hover(page.getByRole('button', { name: 'Info' }));
      await settle(host);
      expect(bubble.hidden).toBe(false);
      let pageSawEscape = false;
      document.addEventListener('keydown', (event) => (pageSawEscape ||= event.key === 'Escape'), { once: true });
      await userEvent.keyboard('{Escape}');
      await settle(host);
      expect(bubble.hidden).toBe(true);
      expect(pageSawEscape).toBe(true);
    });

    it('stops Escape at the tooltip while focus is inside it, so a surrounding dialog stays open', async () => {
      const host = await mount(
        html`<div>
          <bk-tooltip content="Help text"><button>Info</button></bk-tooltip>
        </div>`,
      );
      let outerSawEscape = false;
      host.firstElementChild!.addEventListener('keydown', () => (outerSawEscape = true));
      await userEvent.tab();
      await settle(host);
      await userEvent.keyboard('{Escape}');
      await settle(host);
      expect(bubbleOf(host.querySelector('bk-tooltip')!).hidden).toBe(true);
      expect(outerSawEscape).toBe(false);
      // A second Escape, with nothing left to dismiss, reaches the page.
      await userEvent.keyboard('{Escape}');
      expect(outerSawEscape).toBe(true);
    });
  });

  describe('hover (WCAG 1.4.13)', () => {
    it('stays while the pointer moves onto the bubble, and hides when it leaves both', async () => {
      const { host, tooltip } = await mountAt('top: 40%; left: 40%');
      (document.activeElement as HTMLElement).blur();
      await userEvent.hover(page.getByRole('button', { name: 'Info' }));
      await settle(host);
      const { bubble } = await placed(tooltip);
      await userEvent.hover(bubble);
      await settle(host);
      expect(bubble.hidden).toBe(false);
      await userEvent.hover(host.ownerDocument.body, { position: { x: 1, y: 1 } });
      await settle(host);
      expect(bubble.hidden).toBe(true);
    });

    it('covers the gap between the element and the bubble, so crossing it does not close the bubble', async () => {
      const { tooltip, anchor } = await mountAt('top: 40%; left: 40%');
      const { side, box } = await placed(tooltip);
      expect(side).toBe('top');
      const inGap = document.elementFromPoint(anchor.left + anchor.width / 2, anchor.top - tooltipGap / 2);
      expect(inGap).toBe(tooltip);
      expect(box.bottom).toBeCloseTo(anchor.top - tooltipGap, 0);
    });

    it('stays while focused even after the pointer leaves', async () => {
      const { host, tooltip } = await mountAt('top: 40%; left: 40%');
      await userEvent.hover(page.getByRole('button', { name: 'Info' }));
      await userEvent.unhover(page.getByRole('button', { name: 'Info' }));
      await settle(host);
      expect(bubbleOf(tooltip).hidden).toBe(false);
    });
  });

  describe('placement', () => {
    it('shows above by default and below with placement="bottom" when there is room', async () => {
      let { tooltip, anchor } = await mountAt('top: 40%; left: 40%');
      let { side, box } = await placed(tooltip);
      expect(side).toBe('top');
      expect(box.bottom).toBeLessThanOrEqual(anchor.top + epsilon);

      ({ tooltip, anchor } = await mountAt('top: 40%; left: 40%', { placement: 'bottom' }));
      ({ side, box } = await placed(tooltip));
      expect(side).toBe('bottom');
      expect(box.top).toBeGreaterThanOrEqual(anchor.bottom - epsilon);
    });

    it('flips above when there is no room below', async () => {
      const { tooltip, anchor } = await mountAt('bottom: 2px; left: 40%', { placement: 'bottom' });
      const { side, box } = await placed(tooltip);
      expect(side).toBe('top');
      expect(box.bottom).toBeLessThanOrEqual(anchor.top + epsilon);
      expect(box.top).toBeGreaterThanOrEqual(0);
    });

    it('flips below when there is no room above', async () => {
      const { tooltip, anchor } = await mountAt('top: 2px; left: 40%');
      const { side, box } = await placed(tooltip);
      expect(side).toBe('bottom');
      expect(box.top).toBeGreaterThanOrEqual(anchor.bottom - epsilon);
    });

    for (const dir of ['ltr', 'rtl'] as const) {
      for (const edge of ['inset-inline-start', 'inset-inline-end']) {
        it(`shifts inside the viewport next to the ${edge.slice(13)} edge (${dir})`, async () => {
          const { tooltip, anchor } = await mountAt(`top: 40%; ${edge}: 0`, { dir });
          const { side, box } = await placed(tooltip);
          expect(side).toBe('top');
          // Centred on the button it would stick out of the viewport: it must have been shifted.
          expect(box.width / 2).toBeGreaterThan(Math.min(anchor.left, innerWidth - anchor.right) + anchor.width / 2);
          expect(box.left).toBeGreaterThanOrEqual(8 - epsilon);
          expect(box.right).toBeLessThanOrEqual(document.documentElement.clientWidth - 8 + epsilon);
          expect(box.bottom).toBeLessThanOrEqual(anchor.top + epsilon);
        });
      }

      it(`places start and end by writing direction (${dir})`, async () => {
        const short = { dir, content: 'Help' };
        let { tooltip, anchor } = await mountAt('top: 40%; left: 40%', { ...short, placement: 'start' });
        let { box } = await placed(tooltip);
        if (dir === 'ltr') expect(box.right).toBeLessThanOrEqual(anchor.left + epsilon);
        else expect(box.left).toBeGreaterThanOrEqual(anchor.right - epsilon);

        ({ tooltip, anchor } = await mountAt('top: 40%; left: 40%', { ...short, placement: 'end' }));
        ({ box } = await placed(tooltip));
        if (dir === 'ltr') expect(box.left).toBeGreaterThanOrEqual(anchor.right - epsilon);
        else expect(box.right).toBeLessThanOrEqual(anchor.left + epsilon);
      });
    }

    it('follows its element while shown, and forgets the position when hidden', async () => {
      const host = await mount(
        html`<div style="block-size: 200px; overflow: auto" data-testid="scroller">
            <div style="block-size: 600px; padding-block-start: 120px">
              <bk-tooltip content="Help"><button>Info</button></bk-tooltip>
            </div>
          </div>
          <button>Next</button>`,
      );
      const tooltip = host.querySelector('bk-tooltip')!;
      const button = host.querySelector('button')!;
      button.focus();
      await settle(host);
      const { bubble } = await placed(tooltip);
      const gapNow = () => button.getBoundingClientRect().top - bubble.getBoundingClientRect().bottom;
      expect(gapNow()).toBeCloseTo(tooltipGap, 0);
      const before = bubble.getBoundingClientRect().top;
      host.querySelector<HTMLElement>('[data-testid="scroller"]')!.scrollTop = 40;
      await expect.poll(() => bubble.getBoundingClientRect().top).toBeCloseTo(before - 40, 0);
      expect(gapNow()).toBeCloseTo(tooltipGap, 0);

      await userEvent.tab();
      await settle(host);
      expect(bubble.hidden).toBe(true);
      expect(bubble.dataset.placement).toBeUndefined();
    });

    it('stops positioning when removed while shown, and places again when put back', async () => {
      const { host, tooltip } = await mountAt('top: 40%; left: 40%');
      await placed(tooltip);
      const parent = tooltip.parentElement!;
      tooltip.remove();
      await tooltip.updateComplete;
      expect(bubbleOf(tooltip).dataset.placement).toBeUndefined();
      parent.append(tooltip);
      tooltip.querySelector('button')!.focus();
      await settle(host);
      const { side } = await placed(tooltip);
      expect(side).toBe('top');
    });
  });
});
