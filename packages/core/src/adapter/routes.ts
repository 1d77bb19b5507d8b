/**
 * The HTTP paths of the HttpAdapter and the reference server: one table, so both sides agree.
 * A broker whose backend spells them differently passes its own table to the HttpAdapter.
 * `:name` segments are filled from the request.
 */
export const defaultRoutes = {
  validateToken: 'POST /api/validate-token',
  login: 'POST /api/auth/login',
  signup: 'POST /api/auth/signup',
  requestPasswordReset: 'POST /api/auth/password-reset',
  completePasswordReset: 'POST /api/auth/password-reset/complete',
  changePassword: 'POST /api/auth/change-password',
  changeEmail: 'POST /api/auth/change-email',
  currentUser: 'GET /api/me',
  logout: 'POST /api/auth/logout',
  accountTypes: 'GET /api/account-types',
  createAccount: 'POST /api/accounts',
  paymentOptions: 'GET /api/payments/options',
  submitPayment: 'POST /api/payments',
  transaction: 'GET /api/payments/:id',
  kycStatus: 'GET /api/kyc',
  saveKycStep: 'PUT /api/kyc/step',
  saveKycDraft: 'PUT /api/kyc/draft',
  uploadKycDocument: 'POST /api/kyc/documents',
  removeKycDocument: 'DELETE /api/kyc/documents/:id',
  submitKyc: 'POST /api/kyc/submit',
  startKycCheck: 'POST /api/kyc/check',
  actionSchema: 'GET /api/actions/:actionType',
  submitAction: 'POST /api/actions/:actionType',
  chatHistory: 'GET /api/chat/messages',
  sendChatMessage: 'POST /api/chat/messages',
  subscribeChat: 'GET /api/chat/events',
  invite: 'GET /api/invite',
  inviteStats: 'GET /api/invite/stats',
  ribbons: 'GET /api/ribbons',
  platformWebToken: 'POST /api/platform-web/token',
  reportScreenTiming: 'POST /api/telemetry/screen-timing',
} as const satisfies Record<string, `${'GET' | 'POST' | 'PUT' | 'DELETE'} /${string}`>;

export type RouteName = keyof typeof defaultRoutes;
export type RouteTable = Record<RouteName, string>;

/** Header carrying a submission's idempotency key (also in the body, for backends that read only one). */
export const idempotencyHeader = 'Idempotency-Key';
/**
 * A custom header the HttpAdapter sends on every call (value `1`). A cross-site form or image cannot send it,
 * so together with the Origin check it is the reference server's CSRF defence (login CSRF included).
 */
export const clientHeader = 'X-Broker-Kit';
