/** `GET /openapi.json`: the API described for humans and code generators (OpenAPI 3.1). */
import { z } from 'zod';
import { envelopeSchema, eventSchema, LIMITS } from '../../../shared/wire.ts';
import { REJECTION_REASONS } from '../leads/lifecycle.ts';
import { LEAD_STATUSES } from '../db/schema.ts';

const error = { $ref: '#/components/schemas/Error' };
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [code, { description: 'Error', content: { 'application/json': { schema: error } } }]));
const json = (description: string, schema: object = { type: 'object' }) => ({ description, content: { 'application/json': { schema } } });
const query = (name: string, schema: object, description: string) => ({ name, in: 'query', schema, description });
const paging = [
  query('limit', { type: 'integer', minimum: 1, maximum: 200, default: 50 }, 'Items per page'),
  query('cursor', { type: 'string' }, 'nextCursor of the previous page'),
  query('site', { type: 'string' }, 'Only this site'),
];
const leadIdParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^ld_[0-9a-f]+$' } };
const page = { type: 'object', properties: { data: { type: 'array', items: { type: 'object' } }, nextCursor: { type: ['string', 'null'] } } };

/** The envelope with its events spelled out (the zod schema checks them one by one). */
function envelopeJsonSchema() {
  const envelope = z.toJSONSchema(envelopeSchema, { io: 'input' }) as { properties: Record<string, unknown> };
  envelope.properties.events = { type: 'array', minItems: 1, maxItems: LIMITS.maxEventsPerBatch, items: z.toJSONSchema(eventSchema, { io: 'input' }) };
  return envelope;
}

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: { title: 'Tells collector', version: '1', description: 'Visitor behaviour in, scored and explained MQLs out.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'TELLS_API_KEY' } },
      schemas: {
        Error: { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } } },
        Envelope: envelopeJsonSchema(),
      },
    },
    security: [{ bearer: [] }],
    paths: {
      '/collect': {
        post: {
          security: [],
          summary: 'Beacon from the tracker (text/plain or application/json)',
          requestBody: { content: { 'text/plain': { schema: { $ref: '#/components/schemas/Envelope' } }, 'application/json': { schema: { $ref: '#/components/schemas/Envelope' } } } },
          responses: { 202: json('Committed', { type: 'object', properties: { accepted: { type: 'integer' }, duplicates: { type: 'integer' }, rejected: { type: 'integer' } } }), ...errors(400, 403, 413, 415, 429) },
        },
      },
      ...Object.fromEntries(
        Object.entries({ 't.js': undefined, 'ext.js': 't.js', 'vitals.js': 'ext.js' }).map(([file, loader]) => [
          `/${file}`,
          {
            get: {
              security: [],
              summary: `The tracker${loader ? ` (${file}, loaded by ${loader})` : ''}`,
              parameters: loader ? [query('v', { type: 'string' }, 'The version asked for (first 8 hex digits of SHA-256); the current one is served immutable')] : [],
              responses: { 200: { description: 'JavaScript, with ETag' }, 304: { description: 'Not modified' } },
            },
          },
        ]),
      ),
      '/health': { get: { security: [], summary: 'Liveness', responses: { 200: json('OK') } } },
      '/api/mqls': {
        get: {
          summary: 'Flagged leads, newest qualification first',
          parameters: [
            ...paging,
            query('status', { enum: ['mql', 'accepted', 'recycled', 'any'], default: 'mql' }, 'any = every lead that ever qualified'),
            query('since', { type: 'integer' }, 'Qualified at or after (ms since epoch)'),
            query('grade', { type: 'string', example: 'A1,B2' }, 'Comma-separated grades'),
            query('minFit', { type: 'number' }, 'Fit at least'),
            query('minIntent', { type: 'number' }, 'Intent at least'),
          ],
          responses: { 200: json('A page of leads', page), ...errors(400, 401) },
        },
      },
      '/api/leads': {
        get: { summary: 'All leads, most recently updated first', parameters: [...paging, query('status', { enum: LEAD_STATUSES }, 'Only this status')], responses: { 200: json('A page of leads', page), ...errors(400, 401) } },
      },
      '/api/leads/{id}': {
        get: { summary: 'One lead: scores, reasons, account, lifecycle, story', parameters: [leadIdParam], responses: { 200: json('The lead'), ...errors(400, 401, 404) } },
        delete: { summary: 'Erase the lead, its events and contact data', parameters: [leadIdParam], responses: { 200: json('What was erased'), ...errors(400, 401, 404) } },
      },
      '/api/leads/{id}/feedback': {
        post: {
          summary: "Sales' answer: accepted, or rejected with a reason (the lead is recycled)",
          parameters: [leadIdParam],
          requestBody: {
            content: {
              'application/json': {
                schema: { type: 'object', required: ['outcome'], properties: { outcome: { enum: ['accepted', 'rejected'] }, reason: { enum: REJECTION_REASONS }, note: { type: 'string', maxLength: 2000 } } },
              },
            },
          },
          responses: { 200: json('The lead after feedback'), ...errors(400, 401, 404, 409) },
        },
      },
      '/api/accounts': {
        put: {
          summary: 'Import target accounts (CSV or JSON); bad rows reported by line',
          requestBody: { content: { 'text/csv': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'object', properties: { accounts: { type: 'array', items: { type: 'object' } } } } } } },
          responses: { 200: json('Created, updated and the bad rows'), ...errors(400, 401, 413, 415) },
        },
      },
      '/api/stats': { get: { summary: 'The funnel', parameters: [paging[2]], responses: { 200: json('Funnel counts'), ...errors(400, 401) } } },
    },
  };
}
