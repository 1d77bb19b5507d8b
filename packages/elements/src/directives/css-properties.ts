import { nothing } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';

export type CssProperties = Readonly<Partial<Record<`--${string}` | 'inline-size', string>>>;

/**
 * Sets style properties through the CSSOM (`element.style.setProperty`), on first render too. Lit's `styleMap`
 * writes a `style` attribute on first render, which a strict CSP without `'unsafe-inline'` for styles refuses;
 * CSSOM changes are not inline markup, so the policy allows them. Use on an element: `<div ${cssProperties({…})}>`.
 */
class CssPropertiesDirective extends Directive {
  private applied = new Set<string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) throw new Error('cssProperties() belongs in an element position');
  }

  render(_properties: CssProperties) {
    return nothing;
  }

  override update(part: ElementPart, [properties]: [CssProperties]) {
    const style = (part.element as HTMLElement).style;
    const next = new Set<string>();
    for (const [name, value] of Object.entries(properties)) {
      if (value === undefined) continue;
      style.setProperty(name, value);
      next.add(name);
    }
    for (const name of this.applied) if (!next.has(name)) style.removeProperty(name);
    this.applied = next;
    return nothing;
  }
}

export const cssProperties = directive(CssPropertiesDirective);
