/** An Arrow schema as a tree: names, types, nullability, then the schema's `mosaico:*` metadata. */
import { DataType, type Field, type Schema } from "apache-arrow";
import { html } from "../html.js";

function typeLabel(field: Field): string {
  if (DataType.isStruct(field.type)) return "struct";
  if (DataType.isList(field.type)) return `list<${String(field.type.children[0]?.type)}>`;
  if (DataType.isFixedSizeList(field.type)) return `fixed_size_list<${String(field.type.children[0]?.type)}>[${field.type.listSize}]`;
  return String(field.type).toLowerCase();
}

function Node({ field, depth }: { field: Field; depth: number }) {
  const children = DataType.isStruct(field.type) ? field.type.children : [];
  return html`<li class="tree-node">
    <div class="tree-row" style=${`--depth:${depth}`}>
      <span class=${`tree-name ${children.length ? "tree-branch" : ""}`}>${field.name}</span>
      <span class="tree-type">${typeLabel(field)}</span>
      ${field.nullable ? html`<span class="badge badge-muted">nullable</span>` : html`<span class="badge badge-strong">required</span>`}
    </div>
    ${children.length > 0 && html`<ul class="tree">${children.map((c) => html`<${Node} field=${c} depth=${depth + 1} />`)}</ul>`}
  </li>`;
}

export function SchemaTree({ schema }: { schema: Schema }) {
  const metadata = [...schema.metadata.entries()];
  return html`<div class="schema" data-testid="schema-tree">
    <ul class="tree tree-root">${schema.fields.map((f) => html`<${Node} field=${f} depth=${0} />`)}</ul>
    ${metadata.length > 0 &&
    html`<h3 class="subhead">Schema metadata</h3>
      <dl class="kv">${metadata.map(([k, v]) => html`<dt class="mono">${k}</dt><dd class="mono small wrap">${v}</dd>`)}</dl>`}
  </div>`;
}
