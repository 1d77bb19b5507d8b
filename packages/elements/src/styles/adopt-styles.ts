import type { CSSResult } from 'lit';

const adopted = new WeakMap<Document | ShadowRoot, Set<CSSStyleSheet>>();

/**
 * Adopts style sheets into the root node (document or shadow root) an element lives in, once per root.
 * Light-DOM elements (bk-input, bk-textarea, credential screens) call it on connect: their markup lives in
 * the surrounding tree, so their styles must too.
 */
export function adoptStyles(element: Node, ...styles: CSSResult[]) {
  const root = element.getRootNode();
  if (!(root instanceof Document || root instanceof ShadowRoot)) return;
  let sheets = adopted.get(root);
  if (!sheets) adopted.set(root, (sheets = new Set()));
  const missing = styles.map((style) => style.styleSheet).filter((sheet) => sheet && !sheets.has(sheet));
  if (missing.length === 0) return;
  for (const sheet of missing) sheets.add(sheet!);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...(missing as CSSStyleSheet[])];
}
