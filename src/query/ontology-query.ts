/** The `ontology` section builder (docs/protocol.md §8.1). */
import type { JsonObject } from "../protocol/json.js";
import { isOntologyExpression, type OntologyExpression } from "./ontology-expression.js";
import { misuse } from "./value-checks.js";

/**
 * Conditions on topic data, combined with AND; keys are
 * `"<ontology_tag>.<field path>"`. Immutable. Create with `Query.ontology()`.
 *
 * @example
 * ```ts
 * Query.ontology(IMU.Q.acceleration.x.gt(5), IMU.Q.timestamp_ns.between(t0, t1));
 * // {"imu.acceleration.x":{"$gt":5},"imu.timestamp_ns":{"$between":[t0,t1]}}
 * ```
 */
export class OntologyQuery {
  /** Discriminant of query parts. */
  readonly kind = "ontology" as const;
  /** The expressions, in the order they were added. */
  readonly expressions: readonly OntologyExpression[];

  /** Internal: use `Query.ontology(...)`. */
  constructor(expressions: readonly OntologyExpression[] = []) {
    this.expressions = expressions;
    Object.freeze(this);
  }

  /** Adds expressions (AND). One expression per key. */
  and(...expressions: OntologyExpression[]): OntologyQuery {
    const list = [...this.expressions];
    for (const expr of expressions) {
      if (!isOntologyExpression(expr)) misuse("ontology queries take expressions built with <Model>.Q.<field>.<op>() or ontologyField()");
      const clash = list.find((e) => e.key === expr.key);
      if (clash) {
        misuse(`ontology query already has a condition on "${expr.key}" (${clash.op}); one condition per key is allowed — use between([lo, hi]) for ranges`);
      }
      list.push(expr);
    }
    return new OntologyQuery(Object.freeze(list));
  }

  /** The distinct ontology tags the expressions use. */
  get tags(): string[] {
    return [...new Set(this.expressions.map((e) => e.tag))];
  }

  /** The section body. */
  toJSON(): JsonObject {
    const body: JsonObject = {};
    for (const e of this.expressions) body[e.key] = { [e.op]: e.value };
    return body;
  }
}
