// What the evidence routes accept: path, query and body, checked for their meaning (core/contract/input.ts).

import { flag, idParam, strict } from '../input.ts';

const params = strict({ id: idParam });

export const evidenceAccepts = {
  'GET /api/evidence/:id/file': { params, querystring: strict({ download: flag.optional() }) },
  'GET /api/evidence/:id/text': { params, querystring: strict({}) },
  'GET /api/documents/:id/file': { params, querystring: strict({}) },
} as const;
