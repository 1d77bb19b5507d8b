import { OtSessionController } from '../../controllers/ot-session.ts';
import { PaymentScreen } from '../payment/payment-screen.ts';

/**
 * @summary The in-app withdrawal screen the platform opens with a one-time token (`/inapp/withdraw`).
 *
 * Validates the token once, shows the account (from `account`, else the token's trading login), lets the user
 * pick a method, currency and amount within the method's limits and the available balance, confirms, and follows the transaction to its
 * outcome. A double click, a retry or a reload never withdraws twice (one idempotency key per intent).
 *
 * @event {BkResultEvent} bk-result - The outcome: `{ action: 'withdraw', status, reference }`.
 * @event {BkCloseEvent} bk-close - The user leaves (cancelable); then the screen navigates to `returnUrl`.
 */
export class BkWithdraw extends PaymentScreen {
  protected override readonly action = 'withdraw';
  protected override readonly direction = 'withdraw';
  protected override readonly session = new OtSessionController(this, { action: 'withdraw' });
}
