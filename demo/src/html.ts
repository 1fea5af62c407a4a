/**
 * Preact through htm tagged templates: components without a JSX compile
 * step, so the demo sources type-check with the repository's tsconfig.
 */
import htmModule from "htm";
import { h, type VNode } from "preact";

type Hyperscript = (type: any, props: Record<string, any> | null, ...children: any[]) => VNode<any>;
type Htm = { bind(h: Hyperscript): (strings: TemplateStringsArray, ...values: any[]) => VNode<any> | VNode<any>[] };

// htm ships CommonJS-shaped types: under NodeNext the default export may sit one level down.
const htm = ((htmModule as unknown as { default?: Htm }).default ?? htmModule) as unknown as Htm;

/** `html\`<div class="x">${child}</div>\`` */
export const html = htm.bind(h as unknown as Hyperscript);

/** What a component renders. */
export type View = ReturnType<typeof html>;
