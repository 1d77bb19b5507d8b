// Framework bindings of @broker-kit/elements, generated from custom-elements.json into the package folder:
// react.d.ts (React 19 JSX), vue.d.ts (Vue GlobalComponents), vscode.html-custom-data.json (VS Code) and
// web-types.json (JetBrains). Properties come from the element classes themselves, so they cannot drift from
// the code; tags, attributes and events come from the manifest.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every custom element of the manifest: `{ tag, className, module, description, attributes, events }`. */
export function manifestElements(manifest) {
  const elements = [];
  for (const module of manifest.modules)
    for (const declaration of module.declarations ?? [])
      if (declaration.customElement && declaration.tagName)
        elements.push({
          tag: declaration.tagName,
          className: declaration.name,
          description: declaration.summary ?? declaration.description ?? '',
          attributes: (declaration.attributes ?? []).filter((attribute) => attribute.name),
          // Named once each: a subclass's own entry wins over the one it inherits.
          events: [
            ...new Map(
              (declaration.events ?? [])
                .filter((e) => e.name)
                .reverse()
                .map((e) => [e.name, e]),
            ).values(),
          ].reverse(),
        });
  return elements.sort((a, b) => a.tag.localeCompare(b.tag));
}

/** The event class of a manifest event: its declared type when it names one, else a plain `Event`. */
function eventType(event) {
  const text = event.type?.text ?? '';
  return /^Bk[A-Za-z]+Event$/.test(text) ? text : 'Event';
}

function header(elements) {
  const classes = new Set(elements.map((element) => element.className));
  const events = new Set(elements.flatMap((element) => element.events.map(eventType)).filter((t) => t !== 'Event'));
  return [
    '// Generated from custom-elements.json by scripts/framework-types.mjs: do not edit.',
    `import type { ${[...classes, ...events].sort().join(', ')} } from './index.js';`,
    "import type { LitElement } from 'lit';",
    '',
    '/** The public properties an element adds to LitElement (what a framework may set). */',
    'type ElementProperties<E> = Partial<Omit<E, keyof LitElement>>;',
  ].join('\n');
}

export function reactTypes(elements) {
  const lines = [
    header(elements),
    "import type { DetailedHTMLProps, HTMLAttributes } from 'react';",
    '',
    'type ReactProps<E, Events> = DetailedHTMLProps<HTMLAttributes<E>, E> & ElementProperties<E> & Events;',
    '',
    "declare module 'react' {",
    '  // eslint-disable-next-line @typescript-eslint/no-namespace',
    '  namespace JSX {',
    '    interface IntrinsicElements {',
  ];
  for (const element of elements) {
    const events = element.events.map((event) => `'on${event.name}'?: (event: ${eventType(event)}) => void`);
    lines.push(`      /** ${element.description.replace(/\s+/g, ' ').replace(/\*\//g, '* /')} */`);
    lines.push(`      '${element.tag}': ReactProps<${element.className}, { ${events.join('; ')} }>;`);
  }
  lines.push('    }', '  }', '}', '');
  return lines.join('\n');
}

export function vueTypes(elements) {
  const lines = [
    header(elements),
    "import type { DefineComponent } from 'vue';",
    '',
    'type VueComponent<E, Events> = DefineComponent<ElementProperties<E> & Events>;',
    '',
    "declare module 'vue' {",
    '  interface GlobalComponents {',
  ];
  for (const element of elements) {
    const events = element.events.map(
      (event) =>
        `on${event.name.replace(/(^|-)([a-z])/g, (_, _dash, letter) => letter.toUpperCase())}?: (event: ${eventType(event)}) => void`,
    );
    lines.push(`    '${element.tag}': VueComponent<${element.className}, { ${events.join('; ')} }>;`);
  }
  lines.push('  }', '}', '');
  return lines.join('\n');
}

export function vscodeData(elements) {
  return {
    version: 1.1,
    tags: elements.map((element) => ({
      name: element.tag,
      description: element.description,
      attributes: element.attributes.map((attribute) => ({
        name: attribute.name,
        description: attribute.description ?? '',
      })),
    })),
  };
}

export function webTypes(elements, { name, version }) {
  return {
    $schema: 'https://json.schemastore.org/web-types',
    name,
    version,
    'description-markup': 'markdown',
    contributions: {
      html: {
        elements: elements.map((element) => ({
          name: element.tag,
          description: element.description,
          attributes: element.attributes.map((attribute) => ({
            name: attribute.name,
            description: attribute.description ?? '',
            value: { type: attribute.type?.text ?? 'string' },
          })),
          events: element.events.map((event) => ({ name: event.name, description: event.description ?? '' })),
        })),
      },
    },
  };
}

export function generateFrameworkTypes(manifest, dir, pkg) {
  const elements = manifestElements(manifest);
  writeFileSync(join(dir, 'react.d.ts'), reactTypes(elements));
  writeFileSync(join(dir, 'vue.d.ts'), vueTypes(elements));
  writeFileSync(join(dir, 'vscode.html-custom-data.json'), `${JSON.stringify(vscodeData(elements), null, 2)}\n`);
  writeFileSync(join(dir, 'web-types.json'), `${JSON.stringify(webTypes(elements, pkg), null, 2)}\n`);
}
