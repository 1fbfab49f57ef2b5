import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import type { Answer } from './app.js';

/** Where the components of the document are registered with Ajv. */
const COMPONENTS = 'reference';

interface MediaType {
  schema?: unknown;
}
interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, MediaType> }>;
}
interface ReferenceDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

/**
 * Drop-in compatibility means the exact field set: every object the reference describes with
 * `properties` is closed (it never says additionalProperties itself, so an extra field would pass).
 */
function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy = Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === 'properties'
        ? mapValues(value)
        : // Britive's document writes some flags as text ("nullable": "false"): read them as meant.
          key === 'nullable' && (value === 'true' || value === 'false')
          ? value === 'true'
          : closeObjects(value),
    ]),
  );
  // An object with a discriminator stays open: the subtypes of its mapping add their own fields.
  if ('properties' in copy && !('additionalProperties' in copy) && !('discriminator' in copy)) {
    copy.additionalProperties = false;
  }
  return copy;
}
const mapValues = (properties: object) =>
  Object.fromEntries(Object.entries(properties).map(([name, value]) => [name, closeObjects(value)]));

/** Points `#/components/...` references at the components registered under COMPONENTS. */
function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#/')
        ? `${COMPONENTS}${value}`
        : rebase(value),
    ]),
  );
}

function newAjv(document: ReferenceDocument): Ajv {
  // OpenAPI 3.0 schemas are close to JSON Schema draft-07; unknown keywords (description, example) pass.
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31,
  });
  ajv.addFormat('uint32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= 0 && n < 2 ** 32,
  });
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addFormat('binary', true);
  ajv.addSchema({ $id: COMPONENTS, components: closeObjects(document.components) });
  return ajv;
}

export interface ReferenceCheck {
  operationId: string;
  /** What is wrong with the answer, in words; empty when it matches the reference. */
  problems: string[];
}

/**
 * A vendor's official OpenAPI 3.0 documents (one or several excerpts read as one), validating
 * the answers of its compat API against the response schemas.
 */
export class VendorReference {
  private readonly document: ReferenceDocument;
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  /** `files`: the documents; their paths must not overlap, and schemas of one name must agree. */
  constructor(files: readonly URL[]) {
    const documents = files.map((url) => JSON.parse(readFileSync(url, 'utf8')) as ReferenceDocument);
    this.document = {
      paths: Object.assign({}, ...documents.map((d) => d.paths)) as ReferenceDocument['paths'],
      components: {
        schemas: Object.assign({}, ...documents.map((d) => d.components.schemas)) as Record<string, unknown>,
      },
    };
    this.ajv = newAjv(this.document);
  }

  /** The operation at (method, path template as the reference writes it, e.g. `/v1/admin/profiles/{profileId}`). */
  operation(method: string, path: string): Operation | undefined {
    return this.document.paths[path]?.[method.toLowerCase()];
  }

  /** Checks an answer's content type and body against the response the reference gives for its status (or `default`). */
  check(
    method: string,
    path: string,
    answer: Answer,
    /**
     * Top-level fields the vendor documents for this answer beyond its schema (in its samples),
     * on the answer itself or on each item of an answer that is a list.
     */
    documentedExtras: readonly string[] = [],
    /** The status the reference describes this answer under, when the vendor's samples answer another. */
    referenceStatus?: number,
  ): ReferenceCheck {
    const operation = this.operation(method, path);
    if (!operation) return { operationId: '?', problems: [`the reference has no ${method} ${path}`] };
    const status = String(referenceStatus ?? answer.statusCode);
    const response = operation.responses[status] ?? operation.responses.default;
    const at = `${operation.operationId} ${status}`;
    if (!response)
      return { operationId: operation.operationId, problems: [`${at}: status not in the reference`] };
    const [mediaType, media] = Object.entries(response.content ?? {})[0] ?? [];
    if (mediaType === undefined) return { operationId: operation.operationId, problems: [] };
    const problems: string[] = [];
    const answered = String(answer.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim();
    if (answered !== mediaType)
      problems.push(`${at}: content type ${answered}, the reference says ${mediaType}`);
    if (mediaType === 'application/json' && media?.schema !== undefined) {
      const validate = this.validator(`${method} ${path} ${status}`, media.schema);
      if (!validate(answer.json())) {
        for (const e of validate.errors ?? []) {
          const field = String(e.params.additionalProperty);
          if (
            e.keyword === 'additionalProperties' &&
            /^(\/\d+)?$/.test(e.instancePath) &&
            documentedExtras.includes(field)
          )
            continue;
          const extra = e.keyword === 'additionalProperties' ? ` "${field}"` : '';
          problems.push(`${at}: ${e.instancePath || '/'} ${e.message ?? e.keyword}${extra}`);
        }
      }
    }
    return { operationId: operation.operationId, problems };
  }

  private validator(key: string, schema: unknown): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(rebase(closeObjects(schema)) as object);
      this.compiled.set(key, validate);
    }
    return validate;
  }
}
